package io.picoloop.transport;

/** A link failed: closed, send queue full, write error. */
public class TransportException extends RuntimeException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
