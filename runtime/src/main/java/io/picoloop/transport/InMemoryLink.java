package io.picoloop.transport;

import io.picoloop.protocol.Protocol;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A serial cable in memory: {@link #hostTransport()} is the host's {@link Transport} (with the
 * same reader and writer threads as a serial port); the device end reads the bytes the host sent
 * and writes the bytes the host receives. The simulated Pico sits on the device end.
 */
public final class InMemoryLink {

    private final BytePipe toDevice = new BytePipe();
    private final BytePipe toHost = new BytePipe();
    private final HostTransport host;

    public InMemoryLink(String description) {
        host = new HostTransport(description);
    }

    public Transport hostTransport() {
        return host;
    }

    /** Device end: waits up to timeoutMillis for bytes from the host; 0 on timeout, -1 when closed. */
    public int deviceRead(byte[] buf, long timeoutMillis) throws InterruptedException {
        return toDevice.read(buf, timeoutMillis);
    }

    /** Device end: sends bytes to the host. */
    public void deviceWrite(byte[] data) {
        toHost.write(data);
    }

    /** Device end: pulls the plug; the host transport sees the link die. */
    public void disconnect() {
        toHost.close();
        toDevice.close();
    }

    public boolean isDisconnected() {
        return toHost.isClosed();
    }

    private final class HostTransport extends AbstractLineTransport {

        HostTransport(String description) {
            super(description, Protocol.MAX_DEVICE_LINE_BYTES);
        }

        @Override
        protected int read(byte[] buf) throws IOException {
            try {
                return toHost.read(buf, 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        @Override
        protected void write(byte[] data) throws IOException {
            if (toDevice.isClosed()) {
                throw new IOException("the simulated device is gone");
            }
            toDevice.write(data);
        }

        @Override
        protected void closeStream() {
            toDevice.close();
            toHost.close();
        }
    }
}
