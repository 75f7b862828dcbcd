package io.picoloop.transport;

import io.picoloop.protocol.LineCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads of a byte-stream transport: a reader thread that splits what it reads into lines
 * (capping their length) and a writer thread fed by a bounded queue, so {@link #send} never
 * blocks. Subclasses provide reading with a timeout, writing and closing the underlying stream.
 */
public abstract class AbstractLineTransport implements Transport {

    /** Lines that may wait for the writer thread. */
    public static final int SEND_QUEUE_LINES = 256;
    private static final byte[] STOP = new byte[0];

    private final String description;
    private final int maxLineBytes;
    private final BlockingQueue<byte[]> sendQueue = new ArrayBlockingQueue<>(SEND_QUEUE_LINES);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile LineListener listener;
    private volatile Throwable failure;
    private Thread reader;
    private Thread writer;

    protected AbstractLineTransport(String description, int maxLineBytes) {
        this.description = description;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads into buf: the count, 0 when the read timed out, -1 when the stream ended. */
    protected abstract int read(byte[] buf) throws IOException;

    /** Writes all of data. */
    protected abstract void write(byte[] data) throws IOException;

    /** Closes the underlying stream; a blocked {@link #read} must return soon after. */
    protected abstract void closeStream();

    @Override
    public final synchronized void start(LineListener l) {
        if (listener != null) {
            throw new IllegalStateException(description + ": already started");
        }
        listener = l;
        reader = Thread.ofPlatform().daemon().name("picoloop-reader " + description).start(this::readLoop);
        writer = Thread.ofPlatform().daemon().name("picoloop-writer " + description).start(this::writeLoop);
    }

    @Override
    public final void send(String line) {
        sendBytes(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public final void sendBytes(byte[] line) {
        if (closed.get()) {
            throw new TransportException(description + " is closed" + causeText());
        }
        byte[] data = Arrays.copyOf(line, line.length + 1);
        data[line.length] = '\n';
        if (!sendQueue.offer(data)) {
            throw new TransportException("send queue of " + description + " is full (" + SEND_QUEUE_LINES
                    + " lines waiting): the device is not reading");
        }
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean isOpen() {
        return !closed.get();
    }

    @Override
    public final void close() {
        shutDown(null);
    }

    /** Ends the link because of {@code cause} (null: closed on purpose). */
    protected final void shutDown(Throwable cause) {
        if (closed.compareAndSet(false, true)) {
            failure = cause;
            sendQueue.clear();
            sendQueue.offer(STOP);
            closeStream();
            if (listener == null) {
                closedReported.set(true);
            }
        }
        Thread r = reader;
        if (r != null && r != Thread.currentThread() && cause == null) {
            // a polite close waits for the reader so no line arrives after close() returns
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reportClosed();
    }

    private void reportClosed() {
        LineListener l = listener;
        if (l != null && closedReported.compareAndSet(false, true)) {
            try {
                l.onClosed(failure);
            } catch (RuntimeException e) {
                // a listener's bug must not stop closing
            }
        }
    }

    private String causeText() {
        Throwable f = failure;
        return f == null ? "" : " (" + f.getMessage() + ")";
    }

    private void readLoop() {
        byte[] buf = new byte[1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long overlong = 0;
        try {
            while (!closed.get()) {
                int n = read(buf);
                if (n < 0) {
                    if (!closed.get()) {
                        shutDown(new TransportException(description + " closed by the other side"
                                + " (device unplugged or reset?)"));
                    }
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (overlong > 0) {
                            deliverGarbage(line.toByteArray(), overlong);
                        } else {
                            deliver(line.toByteArray());
                        }
                        line.reset();
                        overlong = 0;
                    } else if (overlong > 0) {
                        overlong++;
                    } else if (line.size() <= maxLineBytes) {
                        // one byte more than the limit, for a \r the codec drops
                        line.write(b);
                    } else {
                        overlong = line.size() + 1;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                shutDown(new TransportException(description + ": read failed: " + e.getMessage(), e));
            }
        }
        reportClosed();
    }

    private void deliver(byte[] line) {
        try {
            listener.onLine(line);
        } catch (RuntimeException e) {
            // the listener's problem; the link goes on
        }
    }

    private void deliverGarbage(byte[] start, long total) {
        try {
            listener.onGarbage("a line of " + total + " bytes from " + description
                    + ", longer than the " + maxLineBytes + " a device may send, starting "
                    + LineCodec.quote(start));
        } catch (RuntimeException e) {
            // the listener's problem; the link goes on
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] data = sendQueue.poll(1, TimeUnit.SECONDS);
                if (data == STOP || closed.get()) {
                    return;
                }
                if (data != null) {
                    write(data);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            shutDown(new TransportException(description + ": write failed: " + e.getMessage(), e));
        }
    }
}
