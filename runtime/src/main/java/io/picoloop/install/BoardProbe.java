package io.picoloop.install;

import io.picoloop.device.BridgeIdentity;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.micropython.ByteLink;
import io.picoloop.micropython.MicroPythonException;
import io.picoloop.micropython.RawRepl;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.transport.PortException;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;

/**
 * What a board is and what runs on it, for {@code picoloop boards}, {@code identify} and
 * {@code doctor}: the bridge's handshake first (it says its version, model and unique id without
 * being disturbed), then the raw REPL for MicroPython's version, and a soft reset to leave the
 * board running what it ran before (main.py: the bridge or the user's program).
 */
public final class BoardProbe {

    /** How long a board has to answer hello before it counts as not running the bridge. */
    static final Duration HELLO = Duration.ofMillis(1500);

    /**
     * @param port        the serial port
     * @param uid         the board's unique id, hex ({@code machine.unique_id()}), or "" when unknown
     * @param model       e.g. "Raspberry Pi Pico with RP2040", or "" when unknown
     * @param micropython e.g. "1.28.0", or "" when unknown
     * @param running     "bridge 0.3.1", "REPL", "a program (main.py)", "busy: ...", "not MicroPython: ..."
     * @param bridge      the bridge's handshake, or null when it does not run
     */
    public record Report(String port, String uid, String model, String micropython, String running, BridgeIdentity bridge) {

        public boolean answered() {
            return !micropython.isEmpty() || bridge != null;
        }
    }

    /**
     * Prints the version of the bridge on the flash when main.py starts it ({@code import bridge}),
     * else "-": a board whose bridge was still starting answers no hello, yet it runs the bridge.
     */
    private static final String BRIDGE_ON_FLASH = "v='-'\ntry:\n m=open('/main.py').read(400)\n"
            + " if 'import bridge' in m:\n  for l in open('/bridge_protocol.py'):\n   if l.startswith('FW_VERSION'):\n"
            + "    v=l.split('\"')[1]\n    break\nexcept OSError:\n pass\nprint(v)\n";

    private BoardProbe() {
    }

    /** Waits for the bridge that was stopped to answer again (it compiles its modules first). */
    private static String backAgain(String port, String running) {
        try (Pico pico = Pico.connect(SerialTransport.open(port),
                DeviceOptions.defaults().withHandshakeTimeout(Installer.HANDSHAKE).withKeepalive(Duration.ZERO))) {
            return running;
        } catch (RuntimeException e) {
            return running + " (stopped for the probe, not back: " + e.getMessage() + ")";
        }
    }

    /** Looks at the board on {@code port}; never throws for what the board does, only says it. */
    public static Report probe(String port) {
        BridgeIdentity bridge = null;
        String running;
        try (Pico pico = Pico.connect(SerialTransport.open(port),
                DeviceOptions.defaults().withHandshakeTimeout(HELLO).withKeepalive(Duration.ZERO))) {
            bridge = pico.identity();
            running = "bridge " + bridge.firmwareVersion();
        } catch (PortException e) {
            return new Report(port, "", "", "", (e.kind() == PortException.Kind.BUSY ? "busy: " : "cannot open: ")
                    + e.getMessage(), null);
        } catch (ProtocolException e) {
            running = e.getMessage().contains("REPL") ? "REPL" : "a program (main.py)";
        } catch (RuntimeException e) {
            running = "a program (main.py)";    // silent to hello: a program of the user's, or no MicroPython at all
        }
        String[] info;
        try (RawRepl repl = new RawRepl(ByteLink.serial(port), Installer.IDLE_MS)) {
            repl.enter();
            info = repl.run("import sys,machine,binascii\nprint('%d.%d.%d' % sys.implementation.version[:3])\n"
                    + "print(sys.implementation._machine)\nprint(binascii.hexlify(machine.unique_id()).decode().upper())\n"
                    + BRIDGE_ON_FLASH).strip().split("\r?\n");
            repl.restart();       // back to main.py: the bridge, or the user's program
        } catch (MicroPythonException | PortException e) {
            if (bridge != null) {
                return new Report(port, bridge.uid(), bridge.model(), "", running, bridge);
            }
            return new Report(port, "", "", "", "not MicroPython: " + e.getMessage(), null);
        }
        if (bridge == null && info.length > 3 && !info[3].strip().equals("-")) {
            running = "bridge " + info[3].strip();      // on the flash, and main.py starts it: it was still starting
        }
        if (running.startsWith("bridge")) {
            running = backAgain(port, running);
        }
        String uid = bridge != null ? bridge.uid() : info.length > 2 ? info[2].strip() : "";
        return new Report(port, uid, info.length > 1 ? info[1].strip() : "", info[0].strip(), running, bridge);
    }
}
