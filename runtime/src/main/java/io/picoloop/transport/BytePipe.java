package io.picoloop.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One direction of an in-memory link: bytes written on one thread, read on another with a
 * timeout, like a serial port. Closing it lets the reader drain what was written, then see -1.
 */
public final class BytePipe {

    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private byte[] current;
    private int pos;

    /** Queues a copy of the bytes; ignored once the pipe is closed. */
    public void write(byte[] data) {
        if (!closed && data.length > 0) {
            chunks.add(data.clone());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        if (!closed) {
            closed = true;
            chunks.add(EOF);
        }
    }

    /**
     * Reads what is there into buf, waiting up to timeoutMillis for the first byte: the count, 0
     * on timeout, -1 once the pipe is closed and drained. One reader thread only.
     */
    public int read(byte[] buf, long timeoutMillis) throws InterruptedException {
        if (current == null || pos == current.length) {
            current = chunks.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            pos = 0;
            if (current == null) {
                return 0;
            }
        }
        if (current == EOF) {
            chunks.add(EOF);
            current = null;
            return -1;
        }
        int n = Math.min(buf.length, current.length - pos);
        System.arraycopy(current, pos, buf, 0, n);
        pos += n;
        return n;
    }
}
