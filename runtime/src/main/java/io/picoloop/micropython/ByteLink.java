package io.picoloop.micropython;

import io.picoloop.transport.SerialStream;
import java.io.IOException;

/** Bytes to and from a board: its serial port, or in tests a MicroPython on a pseudo-terminal. */
public interface ByteLink extends AutoCloseable {

    /** Reads what has come, waiting at most {@code timeoutMs} for the first byte; 0 when nothing came. */
    int read(byte[] buf, int off, int len, int timeoutMs) throws IOException;

    /** Writes all of {@code data}. */
    void write(byte[] data) throws IOException;

    /** The port, for messages: {@code /dev/ttyACM0}. */
    String description();

    @Override
    void close();

    /**
     * Opens a serial port.
     *
     * @throws io.picoloop.transport.PortException naming the fix when it cannot be opened
     */
    static ByteLink serial(String path) {
        SerialStream s = SerialStream.open(path);
        return new ByteLink() {
            @Override
            public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
                return s.read(buf, off, len, timeoutMs);
            }

            @Override
            public void write(byte[] data) throws IOException {
                s.write(data);
            }

            @Override
            public String description() {
                return s.path();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
