package io.picoloop.micropython;

import io.picoloop.micropython.MicroPythonException.Kind;
import io.picoloop.protocol.LineCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * MicroPython's raw REPL, the machine interface behind Ctrl-A that mpremote and Thonny use
 * (MicroPython docs, reference/repl.rst, "Raw mode and raw-paste mode"):
 *
 * <ul>
 *   <li>Ctrl-A enters it; the board says {@code raw REPL; CTRL-B to exit\r\n>}. Code then ends with
 *       Ctrl-D; the board answers {@code OK}, runs it and sends its output, 0x04, the exception's
 *       text if it raised, 0x04 and the prompt {@code >}. Ctrl-D on an empty line is a soft reset.</li>
 *   <li>Raw-paste (MicroPython 1.14 on): {@code Ctrl-E A Ctrl-A} is answered {@code R\x01} and a
 *       16-bit window size; the host may then send that many bytes, and one window more each time
 *       the board sends 0x01 (the first comes at once). The board compiles while it reads, so long
 *       code needs no room for its source. Ctrl-D ends the code and the board acknowledges it with
 *       0x04; a 0x04 from the board earlier means it stopped reading (a syntax error). A board
 *       that knows the command but not the mode answers {@code R\x00}; an older one takes the
 *       Ctrl-A as "reset the raw REPL" and prints its banner again: both are then sent code in
 *       plain raw mode.</li>
 * </ul>
 *
 * One instance per board link, used from one thread. Every wait is an idle timeout (so long as
 * bytes come, a slow board is waited for); silence past it is {@link Kind#STOPPED_ANSWERING}.
 */
public final class RawRepl implements AutoCloseable {

    private static final byte CTRL_A = 0x01;
    private static final byte CTRL_B = 0x02;
    private static final byte CTRL_C = 0x03;
    private static final byte CTRL_D = 0x04;
    private static final byte CTRL_E = 0x05;
    static final byte[] BANNER = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SOFT_REBOOT = "soft reboot\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRIENDLY_PROMPT = ">>> ".getBytes(StandardCharsets.US_ASCII);
    /** The bridge's own way back to the REPL (docs/protocol.md, "Back to the REPL"): it ignores Ctrl-C. */
    private static final byte[] BRIDGE_REPL = "\nrepl\n".getBytes(StandardCharsets.US_ASCII);
    /** How many times Ctrl-C, Ctrl-A is tried before the board is given up. */
    private static final int ENTER_ATTEMPTS = 3;
    /** How long one attempt waits for the raw REPL's banner. */
    private static final int ENTER_WAIT_MS = 1500;

    /** What code printed, and the exception's text if it raised (empty if not). */
    public record Result(String out, String error) {
        public boolean failed() {
            return !error.isEmpty();
        }
    }

    private final ByteLink link;
    private final int idleMs;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int lim;
    /** Whether the board has raw-paste mode: null until asked. */
    private Boolean rawPaste;

    /** @param idleMs how long the board may stay silent in the middle of an answer */
    public RawRepl(ByteLink link, int idleMs) {
        this.link = link;
        this.idleMs = idleMs;
    }

    public String port() {
        return link.description();
    }

    /** Whether code goes over raw-paste (known after the first {@link #exec}). */
    public boolean usesRawPaste() {
        return Boolean.TRUE.equals(rawPaste);
    }

    /**
     * Gets to the raw REPL from whatever the board is doing: the bridge running ({@code repl}
     * first), a program running (Ctrl-C), the friendly REPL, paste mode or raw-paste left half
     * open by another tool (Ctrl-C ends both), the raw REPL itself (Ctrl-C clears its line).
     *
     * @throws MicroPythonException NO_ANSWER, IGNORES_CTRL_C or GARBAGE, naming the fix
     */
    public void enter() {
        enter(ENTER_ATTEMPTS, ENTER_WAIT_MS);
    }

    /**
     * {@link #enter()} with {@code attempts} tries of {@code waitMs} each: a listing that has already
     * heard nothing from the board gives it one short try (MicroPython answers Ctrl-C at once).
     */
    public void enter(int attempts, int waitMs) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int lastAttemptBytes = 0;
        write(BRIDGE_REPL);
        for (int attempt = 0; attempt < attempts; attempt++) {
            write(new byte[] {'\r', CTRL_C});
            drainFor(60, seen);
            write(new byte[] {CTRL_C});
            drainFor(60, seen);
            write(new byte[] {'\r', CTRL_A});
            int before = seen.size();
            if (waitFor(BANNER, waitMs, waitMs, seen)) {
                drainFor(30, null);
                return;
            }
            lastAttemptBytes = seen.size() - before;
        }
        throw notEntered(seen.toByteArray(), lastAttemptBytes);
    }

    private MicroPythonException notEntered(byte[] seen, int lastAttemptBytes) {
        String port = port();
        if (seen.length == 0) {
            return new MicroPythonException(Kind.NO_ANSWER, "no answer from " + port + " to Ctrl-C and Ctrl-A:"
                    + " not a Pico running MicroPython (a pico-sdk program, a Debug Probe?), or a program on it that"
                    + " turned Ctrl-C off and prints nothing. " + WAY_OUT);
        }
        if (lastAttemptBytes > 64) {
            return new MicroPythonException(Kind.IGNORES_CTRL_C, "the program running on " + port
                    + " keeps printing and ignores Ctrl-C (it turned the keyboard interrupt off with"
                    + " micropython.kbd_intr(-1)): " + WAY_OUT + " Last output: " + LineCodec.quote(tail(seen, 60)));
        }
        return new MicroPythonException(Kind.GARBAGE, port + " answered Ctrl-A with " + LineCodec.quote(tail(seen, 60))
                + ", not MicroPython's raw REPL: is this a Pico running MicroPython (`picoloop ports`), or a"
                + " program that reads the port itself? " + WAY_OUT);
    }

    /** How to get out of a program that keeps the REPL away, for every message saying so. */
    public static final String WAY_OUT = "Stop that program: unplug the Pico, hold BOOTSEL while plugging it in and copy"
            + " flash_nuke.uf2 (Raspberry Pi documentation) and then MicroPython onto the drive (this erases its files),"
            + " or change the program to allow Ctrl-C.";

    /** Ctrl-D at the raw prompt: a fresh interpreter (main.py does not run in raw mode), back in the raw REPL. */
    public void softReset() {
        write(new byte[] {CTRL_D});
        if (!waitFor(BANNER, idleMs, null)) {
            throw silent("a soft reset");
        }
    }

    /**
     * Leaves the raw REPL and soft-resets from the friendly one, which runs main.py (the bridge).
     * Returns once the board has said {@code soft reboot}; what main.py says is the caller's to read.
     */
    public void restart() {
        write(new byte[] {CTRL_B});
        if (!waitFor(FRIENDLY_PROMPT, idleMs, null)) {
            throw silent("leaving the raw REPL");
        }
        write(new byte[] {CTRL_D});
        if (!waitFor(SOFT_REBOOT, idleMs, null)) {
            throw silent("the soft reset");
        }
    }

    /**
     * Runs {@code code} on the board; the result holds its output and, if it raised, the traceback.
     *
     * @throws MicroPythonException STOPPED_ANSWERING, LINK_LOST or GARBAGE
     */
    public Result exec(String code) {
        byte[] src = code.getBytes(StandardCharsets.UTF_8);
        if (rawPaste == null || rawPaste) {
            write(new byte[] {CTRL_E, 'A', CTRL_A});
            int r = next("raw-paste mode");
            int ok = next("raw-paste mode");
            if (r == 'R' && ok == 1) {
                rawPaste = true;
                paste(src);
                return result();
            }
            rawPaste = false;
            if (r == 'R' && ok == 0) {
                expect((byte) '>', "raw-paste mode");
            } else {
                // an older MicroPython: the Ctrl-A reset its raw REPL, which says its banner again
                pushBack(r, ok);
                if (!waitFor(BANNER, idleMs, null)) {
                    throw new MicroPythonException(Kind.GARBAGE, port() + " answered the raw REPL with garbage: "
                            + "unplug and replug the Pico, then try again");
                }
            }
        }
        write(src);
        write(new byte[] {CTRL_D});
        expect((byte) 'O', "running code");
        expect((byte) 'K', "running code");
        return result();
    }

    /**
     * Like {@link #exec} for code that must not fail.
     *
     * @throws MicroPythonException BOARD_ERROR with the traceback's last line when it raised
     */
    public String run(String code) {
        Result r = exec(code);
        if (r.failed()) {
            throw new MicroPythonException(Kind.BOARD_ERROR, "the board " + port() + " said: " + lastLine(r.error()),
                    r.error(), null);
        }
        return r.out();
    }

    /** "OSError: [Errno 28] ENOSPC" out of a whole traceback. */
    public static String lastLine(String traceback) {
        String[] lines = traceback.strip().split("\r?\n");
        return lines[lines.length - 1].strip();
    }

    private void paste(byte[] src) {
        int window = next("raw-paste mode") | next("raw-paste mode") << 8;
        int credit = window;
        int sent = 0;
        while (sent < src.length) {
            if (credit == 0) {
                int b = next("raw-paste flow control");
                if (b == CTRL_A) {
                    credit += window;
                } else if (b == CTRL_D) {
                    write(new byte[] {CTRL_D});     // the board stopped reading: a syntax error follows
                    return;
                } else {
                    throw new MicroPythonException(Kind.GARBAGE, port() + " sent " + LineCodec.quote(new byte[] {(byte) b})
                            + " in raw-paste mode, where only 0x01 and 0x04 belong: unplug and replug the Pico, then try again");
                }
                continue;
            }
            int n = Math.min(credit, src.length - sent);
            write(Arrays.copyOfRange(src, sent, sent + n));
            sent += n;
            credit -= n;
        }
        write(new byte[] {CTRL_D});
        while (true) {
            int b = next("the end of raw-paste");
            if (b == CTRL_D) {
                return;
            }
            if (b != CTRL_A) {
                throw new MicroPythonException(Kind.GARBAGE, port() + " did not acknowledge the end of raw-paste"
                        + " (sent " + LineCodec.quote(new byte[] {(byte) b}) + "): unplug and replug the Pico, then try again");
            }
        }
    }

    private Result result() {
        String out = until(CTRL_D, "the output of code it ran");
        String err = until(CTRL_D, "the exception of code it ran");
        expect((byte) '>', "the raw REPL's prompt");
        return new Result(out, err);
    }

    private String until(byte end, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = next(what); b != end; b = next(what)) {
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void expect(byte wanted, String what) {
        int b = next(what);
        if (b != wanted) {
            throw new MicroPythonException(Kind.GARBAGE, port() + " sent " + LineCodec.quote(new byte[] {(byte) b})
                    + " where the raw REPL sends " + LineCodec.quote(new byte[] {wanted}) + " (" + what
                    + "): is another program using the port? Close it, unplug and replug the Pico, then try again");
        }
    }

    /** Reads until {@code marker} has come (true), or nothing came for {@code quietMs} (false). */
    private boolean waitFor(byte[] marker, int quietMs, ByteArrayOutputStream seen) {
        return waitFor(marker, quietMs, Long.MAX_VALUE, seen);
    }

    /** The same, giving up after {@code maxMs} also while bytes keep coming. */
    private boolean waitFor(byte[] marker, int quietMs, long maxMs, ByteArrayOutputStream seen) {
        byte[] last = new byte[marker.length];
        long end = System.nanoTime() + Math.min(maxMs, 86_400_000L) * 1_000_000L;
        while (System.nanoTime() - end < 0) {
            int b = read(quietMs);
            if (b < 0) {
                return false;
            }
            if (seen != null) {
                seen.write(b);
            }
            System.arraycopy(last, 1, last, 0, last.length - 1);
            last[last.length - 1] = (byte) b;
            if (Arrays.equals(last, marker)) {
                return true;
            }
        }
        return false;
    }

    /** Reads whatever comes for about {@code ms}. */
    private void drainFor(int ms, ByteArrayOutputStream seen) {
        long end = System.nanoTime() + ms * 1_000_000L;
        long left;
        while ((left = (end - System.nanoTime()) / 1_000_000L) > 0) {
            int b = read((int) left);
            if (b >= 0 && seen != null) {
                seen.write(b);
            }
        }
    }

    private int next(String what) {
        int b = read(idleMs);
        if (b < 0) {
            throw silent(what);
        }
        return b;
    }

    private MicroPythonException silent(String what) {
        return new MicroPythonException(Kind.STOPPED_ANSWERING, port() + " stopped answering (" + what + ", nothing for "
                + idleMs / 1000.0 + " s): unplug and replug the Pico, then try again");
    }

    private void pushBack(int a, int b) {
        // both came from buf, so there is room before pos
        buf[--pos] = (byte) b;
        buf[--pos] = (byte) a;
    }

    /** The next byte, or -1 when none came within {@code timeoutMs}. */
    private int read(int timeoutMs) {
        if (pos == lim) {
            pos = 2;           // room to push two bytes back
            lim = 2;
            int n;
            try {
                n = link.read(buf, 2, buf.length - 2, timeoutMs);
            } catch (IOException e) {
                throw lost(e);
            }
            if (n <= 0) {
                return -1;
            }
            lim = 2 + n;
        }
        return buf[pos++] & 0xFF;
    }

    private void write(byte[] data) {
        try {
            link.write(data);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private MicroPythonException lost(IOException e) {
        return new MicroPythonException(Kind.LINK_LOST, "lost " + port() + " (" + e.getMessage()
                + "): plug the Pico in again and repeat the command", "", e);
    }

    private static byte[] tail(byte[] b, int n) {
        return Arrays.copyOfRange(b, Math.max(0, b.length - n), b.length);
    }

    @Override
    public void close() {
        link.close();
    }
}
