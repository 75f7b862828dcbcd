package io.picoloop.transport;

/**
 * Receives what a {@link Transport} reads. Called on the transport's reader thread, one call at a
 * time: implementations must return quickly and must not run user code there.
 */
public interface LineListener {

    /** One line, without its newline ({@code \r} is left for the codec to drop). */
    void onLine(byte[] line);

    /**
     * Something arrived that cannot be a line of the protocol, e.g. a line longer than the device
     * may send; it was discarded. The description names what was seen.
     */
    default void onGarbage(String description) {
    }

    /**
     * The link ended; called once. {@code cause} is null when {@link Transport#close()} ended it,
     * else why the link died (port unplugged, peer closed, write failed).
     */
    void onClosed(Throwable cause);
}
