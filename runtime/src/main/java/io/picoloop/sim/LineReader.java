package io.picoloop.sim;

import io.picoloop.protocol.Protocol;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the bytes a device receives into request lines with a buffer of
 * {@value Protocol#MAX_REQUEST_BYTES} bytes (the firmware's bridge_protocol.LineReader). A line ends at
 * {@code \n}, {@code \r\n} or a lone {@code \r} (Enter in a serial terminal in raw mode, picocom or
 * screen); the {@code \n} right after a {@code \r} is part of that line end, not a second line, also
 * when it comes in a later read. An overlong line is never stored: its bytes past the buffer are
 * dropped, and at its end {@link #TOOLONG} is handed on instead. What a line means is the
 * {@link Dispatcher}'s. Not thread-safe: one reader per device.
 */
final class LineReader {

    /** Handed on at the end of a line that overflowed the buffer (compared by identity). */
    static final byte[] TOOLONG = new byte[0];

    private final byte[] buf = new byte[Protocol.MAX_REQUEST_BYTES];
    private int len;
    private boolean overflow;
    /** The last byte fed was a {@code \r}: a {@code \n} now only completes its line end. */
    private boolean afterCr;

    /** Hands each line completed by these bytes on, without its line end, or {@link #TOOLONG}. */
    void feed(byte[] data, int off, int n, Consumer<byte[]> out) {
        for (int i = off; i < off + n; i++) {
            byte b = data[i];
            boolean crLf = afterCr && b == '\n';
            afterCr = b == '\r';
            if (crLf) {
                continue;
            }
            if (b == '\n' || b == '\r') {
                byte[] line = overflow ? TOOLONG : Arrays.copyOf(buf, len);
                len = 0;
                overflow = false;
                out.accept(line);
            } else if (len < buf.length) {
                buf[len++] = b;
            } else {
                overflow = true;
            }
        }
    }
}
