package io.picoloop.install;

import io.picoloop.micropython.ByteLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a board says to a blank line and a {@code ping}, before anything is stopped: the bridge
 * answers the ping in milliseconds ({@code - ok <t_us>}), MicroPython's REPL with its prompt, a
 * program that prints with something else, and a program that does not read the port (or a board
 * still starting) with nothing. A listing then knows at once what to do next, instead of giving a
 * silent port the handshake's whole boot allowance.
 */
final class FirstWords {

    /** What came back. */
    enum Heard { BRIDGE, REPL, SOMETHING, NOTHING }

    private static final byte[] ASK = "\r\nping\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The bridge's reply to a ping without an id (docs/protocol.md, "Requests"). */
    private static final Pattern PONG = Pattern.compile("(?s)(.*\n)?- ok \\d+\r?\n.*");

    private FirstWords() {
    }

    /** Asks, and listens until the answer is recognised or {@code within} has passed. */
    static Heard listen(ByteLink link, Duration within) throws IOException {
        link.write(ASK);
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[512];
        long end = System.nanoTime() + within.toNanos();
        long left;
        while ((left = (end - System.nanoTime()) / 1_000_000L) > 0) {
            int n = link.read(buf, 0, buf.length, (int) Math.min(left, 50));
            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            Heard heard = recognise(seen.toString());
            if (heard != null) {
                return heard;
            }
        }
        return seen.isEmpty() ? Heard.NOTHING : Heard.SOMETHING;
    }

    /** BRIDGE or REPL once the text says so, else null (listen on). */
    static Heard recognise(String seen) {
        if (PONG.matcher(seen).matches()) {
            return Heard.BRIDGE;
        }
        return seen.contains(">>> ") ? Heard.REPL : null;
    }
}
