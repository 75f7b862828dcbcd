package io.picoloop.doctor;

import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.install.BoardProbe;
import io.picoloop.micropython.RawRepl;
import io.picoloop.install.BridgeBundle;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.ProtocolVersionException;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/** The checklist of {@code picoloop doctor}: this computer first, then the board on the port. */
public final class Doctor {

    /** The oldest MicroPython the bridge firmware is documented for (bridge-firmware/README.md). */
    public static final String OLDEST_MICROPYTHON = "1.21.0";

    private Doctor() {
    }

    /**
     * @param port  the port named (--port), or null: the one Pico found among {@code ports}
     * @param ports the serial ports listed
     */
    public static List<Check> run(String port, List<PortInfo> ports, HostChecks host, BridgeBundle bundle) {
        List<Check> checks = new ArrayList<>();
        checks.add(HostChecks.jdk());
        checks.add(host.serialPermission());
        checks.add(host.modemManager());
        checks.add(host.pi4jPlugin(gpioPluginPresent()));
        if (port == null) {
            Candidates c = PortScanner.candidates(ports, PortScanner.RASPBERRY_PI_VID);
            List<String> found = new ArrayList<>();
            c.first().forEach(p -> found.add(p.path()));
            c.then().forEach(p -> found.add(p.path()));
            if (found.isEmpty()) {
                checks.add(Check.failed("Pico on USB", "no port with the Raspberry Pi USB id 2E8A among " + ports.size(),
                        "plug the Pico in with a data cable (a charge-only cable shows no port); a new one needs"
                                + " MicroPython: picoloop install --uf2 FILE"));
                return checks;
            }
            checks.add(Check.ok("Pico on USB", String.join(", ", found) + (found.size() > 1 ? " (checking the first;"
                    + " --port for another)" : "")));
            port = found.getFirst();
        } else {
            checks.add(Check.ok("Pico on USB", port + " (named with --port)"));
        }
        checks.add(host.busy(port));
        if (!checks.getLast().ok()) {
            return checks;
        }
        checks.addAll(board(port, bundle));
        return checks;
    }

    private static List<Check> board(String port, BridgeBundle bundle) {
        List<Check> checks = new ArrayList<>();
        BoardProbe.Report r = BoardProbe.probe(port);
        if (!r.answered()) {
            checks.add(Check.failed("board answers", r.running(), r.running().equals(BoardProbe.SILENT)
                    ? "a Pico just plugged in: run picoloop doctor again; else its program does not read the port and"
                            + " ignores Ctrl-C. " + RawRepl.WAY_OUT
                    : "unplug and replug the Pico; `picoloop boards` says what runs"));
            return checks;
        }
        checks.add(Check.ok("board answers", r.model().isEmpty() ? port : r.model() + " on " + port));
        if (!r.micropython().isEmpty()) {
            boolean recent = compare(r.micropython(), OLDEST_MICROPYTHON) >= 0;
            String detail = "MicroPython " + r.micropython() + " (the bridge needs " + OLDEST_MICROPYTHON
                    + " or newer: its asyncio and USB stdin are written and tested for those)";
            checks.add(recent ? Check.ok("MicroPython", detail)
                    : Check.failed("MicroPython", detail, "copy a newer MicroPython UF2 onto the board in BOOTSEL mode (files stay)"));
        }
        if (!r.running().startsWith("bridge")) {
            checks.add(Check.failed("bridge", "not running (" + r.running() + ")", "picoloop install"));
            return checks;
        }
        checks.add(Check.ok("bridge", "running"));
        String fw = r.running().replaceFirst("^bridge (\\S+).*", "$1");
        checks.add(fw.equals(bundle.version()) ? Check.ok("bridge version", fw + ", as this picoloop's")
                : Check.failed("bridge version", fw + ", this picoloop comes with " + bundle.version(), "picoloop install"));
        try (Pico pico = Pico.connect(SerialTransport.open(port),
                DeviceOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(20)))) {
            checks.add(Check.ok("protocol", "version " + Protocol.VERSION + " on both sides"));
            pico.ping();      // after the keepalive request: its answer has come
            long ms = pico.confirmedKeepalive().toMillis();
            checks.add(ms > 0 ? Check.ok("keepalive", "the board switches its outputs off " + ms + " ms after picoloop goes quiet")
                    : Check.failed("keepalive", "the bridge did not take the keepalive (firmware before 0.3.0?)", "picoloop install"));
            pico.allOff();
        } catch (ProtocolVersionException e) {
            checks.add(Check.failed("protocol", e.getMessage(), "picoloop install (or update picoloop if the bridge is newer)"));
        } catch (RuntimeException e) {
            checks.add(Check.failed("protocol", "no handshake: " + e.getMessage(), "picoloop install"));
        }
        return checks;
    }

    /** Pi4J's providers for the Pi's own GPIO (a plugin jar), beside picoloop's own Pi4J plugin. */
    static boolean gpioPluginPresent() {
        return ServiceLoader.load(com.pi4j.extension.Plugin.class).stream()
                .anyMatch(p -> !p.type().getName().startsWith("io.picoloop"));
    }

    static int compare(String a, String b) {
        return Arrays.compare(nums(a), nums(b));
    }

    private static int[] nums(String v) {
        return Arrays.stream(v.split("\\.")).mapToInt(s -> s.matches("\\d+") ? Integer.parseInt(s) : 0).toArray();
    }

    /** Whether every needed check is fine. */
    public static boolean healthy(List<Check> checks) {
        return checks.stream().allMatch(c -> c.ok() || !c.needed());
    }
}
