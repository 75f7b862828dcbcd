package io.picoloop.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The device side of the framing rules of protocol v1, as the firmware implements them: used by
 * the simulated Pico (the host never parses requests). It turns the byte stream a device receives
 * into requests or into the error replies the device must send:
 * <ul>
 *   <li>a line ends at {@code \n}, {@code \r\n} or a lone {@code \r} (Enter in a serial terminal
 *       in raw mode, picocom or screen); the {@code \n} right after a {@code \r} is part of that
 *       line end, not a second line, also when it comes in a later read;</li>
 *   <li>more than 120 bytes: discarded up to the line end, {@code - err toolong};</li>
 *   <li>a byte outside 0x20..0x7E: {@code - err syntax};</li>
 *   <li>an empty or all-space line: nothing;</li>
 *   <li>a first token of digits is the id (0..65535, at most 5 digits, else {@code - err syntax});
 *       an id without a command is {@code <id> err syntax};</li>
 *   <li>the command is lower-cased (commands are case-insensitive).</li>
 * </ul>
 */
public final class RequestParser {

    /** What one line amounts to. */
    public sealed interface Result permits Empty, Parsed, Rejected {
    }

    /** An empty or all-space line: the device sends nothing. */
    public record Empty() implements Result {
    }

    /** A well-framed request; the command's own rules are checked by whoever runs it. */
    public record Parsed(Request request) implements Result {
    }

    /** A line broken by the framing rules, with the reply the device sends for it. */
    public record Rejected(Reply reply) implements Result {
    }

    private RequestParser() {
    }

    /** The reply to a line longer than 120 bytes. */
    public static Reply tooLong() {
        return Reply.err(Request.NO_ID, "toolong",
                "line longer than " + Protocol.MAX_REQUEST_BYTES + " bytes; send shorter lines");
    }

    /** Parses one line without its line end (as {@link Framer} cuts them). */
    public static Result parse(byte[] line) {
        if (line.length > Protocol.MAX_REQUEST_BYTES) {
            return new Rejected(tooLong());
        }
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                return new Rejected(Reply.err(Request.NO_ID, "syntax", String.format(
                        "byte 0x%02x at position %d is not printable ASCII", b, i + 1)));
            }
        }
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return new Empty();
        }
        List<String> tokens = List.of(text.split(" +"));
        int id = Request.NO_ID;
        String first = tokens.getFirst();
        if (first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (first.length() > 5 || Integer.parseInt(first) > Protocol.MAX_ID) {
                return new Rejected(Reply.err(Request.NO_ID, "syntax", "id "
                        + (first.length() > 12 ? first.substring(0, 12) + "..." : first)
                        + " is unreadable: ids are 0 to " + Protocol.MAX_ID));
            }
            id = Integer.parseInt(first);
            tokens = tokens.subList(1, tokens.size());
            if (tokens.isEmpty()) {
                return new Rejected(Reply.err(id, "syntax", "no command after the id " + id));
            }
        }
        String command = tokens.getFirst().toLowerCase(Locale.ROOT);
        return new Parsed(new Request(id, command, tokens.subList(1, tokens.size())));
    }

    /**
     * Splits a byte stream into lines as the device's 120-byte line buffer does (ending them at
     * {@code \n}, {@code \r\n} or a lone {@code \r}), and hands each line's {@link Result} on.
     * Not thread-safe: one framer per device.
     */
    public static final class Framer {
        private final byte[] buf = new byte[Protocol.MAX_REQUEST_BYTES];
        private int len;
        private boolean overflow;
        /** The last byte fed was a {@code \r}: a {@code \n} now only completes its line end. */
        private boolean afterCr;

        public void feed(byte[] data, int off, int n, Consumer<Result> out) {
            for (int i = off; i < off + n; i++) {
                byte b = data[i];
                boolean crLf = afterCr && b == '\n';
                afterCr = b == '\r';
                if (crLf) {
                    continue;
                }
                if (b == '\n' || b == '\r') {
                    Result r = overflow ? new Rejected(tooLong()) : parse(Arrays.copyOf(buf, len));
                    len = 0;
                    overflow = false;
                    out.accept(r);
                } else if (len < buf.length) {
                    buf[len++] = b;
                } else {
                    overflow = true;
                }
            }
        }
    }
}
