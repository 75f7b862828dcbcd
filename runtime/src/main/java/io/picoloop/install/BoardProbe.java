package io.picoloop.install;

import io.picoloop.device.BridgeIdentity;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.micropython.ByteLink;
import io.picoloop.micropython.MicroPythonException;
import io.picoloop.micropython.RawRepl;
import io.picoloop.transport.PortException;
import io.picoloop.transport.SerialTransport;
import java.io.IOException;
import java.time.Duration;

/**
 * What a board is and what runs on it, for {@code picoloop boards}, {@code identify} and
 * {@code doctor}: first what it says to a ping ({@link FirstWords}), so that a silent board costs a
 * short allowance rather than the handshake's boot allowance; the bridge's handshake when it
 * answered as the bridge (its version, model and unique id, without disturbing it); then the raw
 * REPL for MicroPython's version, and a soft reset to leave the board running what it ran before
 * (main.py: the bridge or the user's program).
 */
public final class BoardProbe {

    /** How long a board that answered the ping as the bridge has to answer hello. */
    static final Duration HELLO = Duration.ofMillis(1500);
    /**
     * How long a listing gives a board to say anything: a running bridge answers in milliseconds,
     * MicroPython's REPL at once; only a program that does not read the port, or a board still
     * starting, stays silent, and waiting longer for those is the user's choice.
     */
    public static final Duration LISTING = Duration.ofSeconds(1);
    /**
     * How long {@code doctor} gives one board: as long as the handshake gives a board just plugged in
     * (its bridge compiles for 4.5-6 s first; Handshake.BOOT_ALLOWANCE).
     */
    public static final Duration PATIENT = Duration.ofSeconds(10);
    /** A board silent to the ping answers Ctrl-C within this if it runs MicroPython at all. */
    static final Duration CTRL_C = Duration.ofMillis(1500);
    /** What a board that said nothing, not even to Ctrl-C, runs, as far as can be told. */
    public static final String SILENT = "no answer (a program that is not the bridge, or still starting)";

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

    private static Report unopened(String port, PortException e) {
        return new Report(port, "", "", "", (e.kind() == PortException.Kind.BUSY ? "busy: " : "cannot open: ")
                + e.getMessage(), null);
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

    /** Looks at the board on {@code port} with {@link #PATIENT}: see {@link #probe(String, Duration)}. */
    public static Report probe(String port) {
        return probe(port, PATIENT);
    }

    /**
     * Looks at the board on {@code port}; never throws for what the board does, only says it.
     *
     * @param answer how long the board has to say anything at first ({@link FirstWords}) and, when it
     *               said nothing, to answer Ctrl-C (at most {@link #CTRL_C}); past that it is {@link #SILENT}
     */
    public static Report probe(String port, Duration answer) {
        FirstWords.Heard heard;
        try (ByteLink link = ByteLink.serial(port)) {
            heard = FirstWords.listen(link, answer);
        } catch (PortException e) {
            return unopened(port, e);
        } catch (IOException e) {
            return new Report(port, "", "", "", "cannot read: " + e.getMessage(), null);
        }
        BridgeIdentity bridge = null;
        String running = heard == FirstWords.Heard.REPL ? "REPL" : "a program (main.py)";
        if (heard == FirstWords.Heard.BRIDGE) {
            try (Pico pico = Pico.connect(SerialTransport.open(port),
                    DeviceOptions.defaults().withHandshakeTimeout(HELLO).withKeepalive(Duration.ZERO))) {
                bridge = pico.identity();
                running = "bridge " + bridge.firmwareVersion();
            } catch (PortException e) {
                return unopened(port, e);
            } catch (RuntimeException e) {
                // answered the ping as the bridge does, yet no handshake: ask MicroPython below
            }
        }
        String[] info;
        try (RawRepl repl = new RawRepl(ByteLink.serial(port), Installer.IDLE_MS)) {
            if (heard == FirstWords.Heard.NOTHING) {
                repl.enter(1, (int) Math.min(answer.toMillis(), CTRL_C.toMillis()));
            } else {
                repl.enter();
            }
            info = repl.run("import sys,machine,binascii\nprint('%d.%d.%d' % sys.implementation.version[:3])\n"
                    + "print(sys.implementation._machine)\nprint(binascii.hexlify(machine.unique_id()).decode().upper())\n"
                    + BRIDGE_ON_FLASH).strip().split("\r?\n");
            repl.restart();       // back to main.py: the bridge, or the user's program
        } catch (MicroPythonException | PortException e) {
            if (bridge != null) {
                return new Report(port, bridge.uid(), bridge.model(), "", running, bridge);
            }
            if (e instanceof MicroPythonException m && m.kind() == MicroPythonException.Kind.NO_ANSWER
                    && heard == FirstWords.Heard.NOTHING) {
                return new Report(port, "", "", "", SILENT, null);
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
