package io.picoloop.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A serial port as plain bytes, for talking to MicroPython itself (its raw REPL answers in
 * control bytes, not lines): opened, locked and failing exactly as {@link SerialTransport#open}
 * does, read with a timeout by the caller's thread, no reader or writer thread of its own.
 */
public final class SerialStream implements AutoCloseable {

    /** A write that moves nothing for this long means the board is gone (a hung-up pty never takes the bytes). */
    private static final int WRITE_TIMEOUT_MS = 3000;

    private final String path;
    private final SerialPort port;
    private volatile boolean closed;

    private SerialStream(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    /**
     * @throws PortException          MISSING, NOT_A_PORT, BUSY, PERMISSION or OTHER, naming the fix
     * @throws SerialLibraryException when jSerialComm's native library cannot be loaded
     */
    public static SerialStream open(String path) {
        return new SerialStream(path, SerialTransport.openPort(path, SerialTransport.DEFAULT_BAUD));
    }

    /** The port as the user named it. */
    public String path() {
        return path;
    }

    /**
     * Reads what has come, waiting at most {@code timeoutMs} for the first byte: the count, 0 when
     * nothing came in time.
     *
     * @throws IOException when the port is gone (unplugged, the other end closed)
     */
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, timeoutMs), WRITE_TIMEOUT_MS);
        int n = port.readBytes(buf, len, off);
        if (n < 0) {
            throw new IOException(path + " closed by the other side (device unplugged or reset?)");
        }
        return n;
    }

    /** Writes all of {@code data}. */
    public void write(byte[] data) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                100, WRITE_TIMEOUT_MS);
        int off = 0;
        while (off < data.length) {
            int n = port.writeBytes(data, data.length - off, off);
            if (n <= 0 || closed) {
                throw new IOException(path + " stopped accepting data (device unplugged?)");
            }
            off += n;
        }
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }
}
