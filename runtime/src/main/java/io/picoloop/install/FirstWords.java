package io.picoloop.install;

import io.picoloop.micropython.ByteLink;
import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.DeviceLine;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    /** Without an id: a reply an earlier session left buffered on the board cannot pass for this one's. */
    private static final byte[] ASK = ask();

    private FirstWords() {
    }

    private static byte[] ask() {
        Command ping = Commands.ping();
        String line = Request.of(Request.NO_ID, ping.command(), ping.args()).encode();
        return ("\r\n" + line + "\r\n").getBytes(StandardCharsets.US_ASCII);     // the blank line ends a partial one
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
        int start = 0;
        for (int end = seen.indexOf('\n'); end >= 0; start = end + 1, end = seen.indexOf('\n', start)) {
            if (isPong(seen.substring(start, end))) {
                return Heard.BRIDGE;
            }
        }
        return seen.contains(">>> ") ? Heard.REPL : null;
    }

    private static boolean isPong(String line) {
        try {
            DeviceLine d = LineCodec.decodeDeviceLine(line.strip().getBytes(StandardCharsets.ISO_8859_1));
            return d instanceof Reply r && r.ok() && r.id() == Request.NO_ID;
        } catch (ProtocolException notTheBridges) {
            return false;
        }
    }
}
