package io.picoloop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real MicroPython v1.28.0 on an emulated RP2040 ({@code ../shared/rp2040/rig}, beside the
 * repository), its USB serial port behind a pty that tests open as they would /dev/ttyACM0.
 * Every output change is logged in emulated microseconds ({@link #gpioLog()}), exact whatever the
 * machine's load. Tests call {@link #assumeAvailable()} first: in a user's clone without the rig
 * they are skipped with one line saying why.
 */
public final class EmulatedPico implements AutoCloseable {

    /** One line of the rig's gpio.log: {@code GPIO 25 1 123456 ...}, {@code BOOT 0 ...}, {@code MODE 14 in-pullup ...}. */
    public record LogLine(String kind, String a, String b, long emuMicros) {
        /** For GPIO and INPUT lines: the pin number. */
        public int pin() {
            return Integer.parseInt(a);
        }

        /** For GPIO and INPUT lines: the level. */
        public int level() {
            return Integer.parseInt(b);
        }
    }

    private final Path rig;
    private final Path run;

    private EmulatedPico(Path rig, Path run) {
        this.rig = rig;
        this.run = run;
    }

    /** The rig's entry script: {@code $PICOLOOP_RIG}, else {@code ../shared/rp2040/rig} beside the repository. */
    public static Path rigScript() {
        String env = System.getenv("PICOLOOP_RIG");
        return env != null && !env.isBlank() ? Path.of(env) : RepoRoot.get().resolveSibling("shared/rp2040/rig");
    }

    /** Why the rig cannot run here, or null when it can. */
    public static String unavailableReason() {
        Path script = rigScript();
        if (!Files.isRegularFile(script)) {
            return "no emulated RP2040 here (" + script + " is absent; set PICOLOOP_RIG to its rig script)";
        }
        for (String tool : List.of("node", "npm", "flock")) {
            if (!onPath(tool)) {
                return "the emulated RP2040 needs " + tool + ", which is not on PATH";
            }
        }
        return null;
    }

    /** Skips the calling test, with one line saying why, when the rig cannot run here. */
    public static void assumeAvailable() {
        String why = unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
    }

    /** The bridge firmware's files as they go onto a board: main.py first, then bridge*.py. */
    public static List<Path> bridgeFiles() throws IOException {
        Path fw = RepoRoot.get().resolve("bridge-firmware");
        List<Path> files = new ArrayList<>();
        files.add(fw.resolve("main.py"));
        try (var s = Files.list(fw)) {
            s.filter(p -> p.getFileName().toString().matches("bridge.*\\.py")).sorted().forEach(files::add);
        }
        return files;
    }

    /** A board with the bridge firmware on its flash, booted; its port answers the bridge's protocol. */
    public static EmulatedPico withBridge() throws IOException {
        return start(bridgeFiles());
    }

    /**
     * {@link #withBridge()}, returned once the bridge has printed its {@code ! boot} line: the rig is
     * up when the board's USB is, but MicroPython then compiles the bridge's files, which takes
     * seconds of device time (4-6 s on the emulated RP2040), longer than a handshake waits.
     */
    public static EmulatedPico withBridgeBooted() throws IOException {
        EmulatedPico pico = withBridge();
        try {
            pico.awaitLine("! boot picoloop", Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            pico.close();
            throw e;
        }
        return pico;
    }

    /** Opens the port until a line starting with {@code prefix} comes (then closes it again). */
    public void awaitLine(String prefix, Duration limit) throws IOException {
        var seen = new java.util.concurrent.CountDownLatch(1);
        try (var link = io.picoloop.transport.SerialTransport.open(port())) {
            link.start(new io.picoloop.transport.LineListener() {
                @Override
                public void onLine(byte[] line) {
                    if (new String(line, StandardCharsets.US_ASCII).startsWith(prefix)) {
                        seen.countDown();
                    }
                }

                @Override
                public void onClosed(Throwable cause) {
                }
            });
            if (!seen.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no line \"" + prefix + "...\" from " + port() + " within " + limit + "\n" + emulatorLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + prefix, e);
        }
    }

    /** A blank board at MicroPython's plain REPL (the firmware formats its flash). */
    public static EmulatedPico blank() throws IOException {
        return start(List.of());
    }

    /** A fresh board whose flash holds {@code files} (the first becomes /main.py), powered up. */
    public static EmulatedPico start(List<Path> files) throws IOException {
        assumeAvailable();
        Path run = Files.createTempDirectory("picoloop-rig");
        List<String> cmd = new ArrayList<>(List.of("bash", rigScript().toString(), "start", "-r", run.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        EmulatedPico pico = new EmulatedPico(rigScript(), run);
        pico.rig(Duration.ofSeconds(120), cmd);
        return pico;
    }

    /** The path to open, as one would open /dev/ttyACM0 (a link that follows the board across unplug/plug). */
    public String port() {
        return run.resolve("tty").toString();
    }

    public Path runDirectory() {
        return run;
    }

    /** One control command ({@code press 14}, {@code status}, {@code adc 0 2048}); returns its {@code OK ...} reply. */
    public String ctl(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", rig.toString(), "ctl", "-r", run.toString()));
        cmd.addAll(List.of(command));
        return rig(Duration.ofSeconds(30), cmd).strip();
    }

    /** Drives GPIO {@code pin} low, as a button to GND. */
    public void press(int pin) throws IOException {
        ctl("press", Integer.toString(pin));
    }

    /** Stops driving GPIO {@code pin}: its pull decides. */
    public void release(int pin) throws IOException {
        ctl("release", Integer.toString(pin));
    }

    /** Hard reset (the RUN pin): the board reboots, the pty stays open. */
    public void reset() throws IOException {
        ctl("reset");
    }

    /** The board's emulated time now, in microseconds since power-up. */
    public long emuMicros() throws IOException {
        return statusField("emu_us");
    }

    /** The host's wall clock as the rig reads it, in epoch milliseconds (to pair with {@link #emuMicros()}). */
    public long wallMillis() throws IOException {
        return statusField("wall_ms");
    }

    private long statusField(String name) throws IOException {
        for (String field : ctl("status").split("\\s+")) {
            if (field.startsWith(name + "=")) {
                return (long) Double.parseDouble(field.substring(name.length() + 1));
            }
        }
        throw new IOException("rig status without " + name);
    }

    /** Pulls the cable: the flash is saved, the pty closes (a holder sees a hang-up), the link disappears. */
    public void unplug() throws IOException {
        rig(Duration.ofSeconds(30), List.of("bash", rig.toString(), "unplug", "-r", run.toString()));
    }

    /** Plugs it in again: a fresh boot from the saved flash, a new pty behind the same link. */
    public void plug() throws IOException {
        rig(Duration.ofSeconds(120), List.of("bash", rig.toString(), "plug", "-r", run.toString()));
    }

    /** Every line of gpio.log so far (all power-ups: split at BOOT lines). */
    public List<LogLine> gpioLog() throws IOException {
        Path log = run.resolve("gpio.log");
        List<LogLine> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "GPIO", "INPUT", "MODE" -> out.add(new LogLine(f[0], f[1], f[2], Long.parseLong(f[3])));
                case "BOOT" -> out.add(new LogLine("BOOT", "", "", 0));
                case "RESET", "END" -> out.add(new LogLine(f[0], f.length > 1 ? f[1] : "", "", Long.parseLong(f[f[0].equals("RESET") ? 2 : 1])));
                default -> {
                    // SPEED and anything newer: not a pin event
                }
            }
        }
        return out;
    }

    /** The output changes of one pin since the last power-up, in order. */
    public List<LogLine> outputChanges(int pin) throws IOException {
        List<LogLine> all = gpioLog();
        int lastBoot = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).kind().equals("BOOT")) {
                lastBoot = i;
            }
        }
        return all.subList(lastBoot, all.size()).stream()
                .filter(l -> l.kind().equals("GPIO") && l.pin() == pin).toList();
    }

    /** The level pin {@code pin} last drove since the last power-up (0 when it never drove one). */
    public int lastLevel(int pin) throws IOException {
        List<LogLine> changes = outputChanges(pin);
        return changes.isEmpty() ? 0 : changes.getLast().level();
    }

    /** The emulator's own messages (emu.log), for a failing test's message. */
    public String emulatorLog() {
        try {
            Path log = run.resolve("emu.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read emu.log: " + e.getMessage() + ")";
        }
    }

    /** Powers the board off (the flash is saved in the run directory). */
    @Override
    public void close() throws IOException {
        rig(Duration.ofSeconds(30), List.of("bash", rig.toString(), "stop", "-r", run.toString()));
    }

    private String rig(Duration limit, List<String> cmd) throws IOException {
        Path out = Files.createTempFile(run, "rig", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not end within " + limit);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        String text = Files.readString(out);
        Files.deleteIfExists(out);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + text.strip());
        }
        return text;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
