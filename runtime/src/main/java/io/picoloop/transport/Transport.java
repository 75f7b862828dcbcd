package io.picoloop.transport;

/**
 * A line-oriented link to a device: a real serial port ({@link SerialTransport}) or the in-memory
 * link of the simulated Pico. Nothing above a transport knows which board it talks to.
 */
public interface Transport extends AutoCloseable {

    /** Starts reading; every line received from now on goes to the listener. Call once. */
    void start(LineListener listener);

    /**
     * Queues a line (a newline is added; the text is sent as UTF-8). Never blocks: a writer thread
     * sends it.
     *
     * @throws TransportException when the link is closed or its send queue is full
     */
    void send(String line);

    /** Like {@link #send(String)} for arbitrary bytes (a newline is added). */
    void sendBytes(byte[] line);

    /** What this link is, for messages: {@code /dev/ttyACM0}, {@code simulated Pico W}. */
    String description();

    /** Whether the link is still open. */
    boolean isOpen();

    /** Closes the link; the listener's {@code onClosed(null)} is called. Idempotent. */
    @Override
    void close();
}
