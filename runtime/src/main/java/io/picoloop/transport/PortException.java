package io.picoloop.transport;

/** A serial port could not be opened; {@link #kind()} says why, the message names the fix. */
public final class PortException extends TransportException {

    public enum Kind {
        /** No such device: not plugged in, or a typo in the path. */
        MISSING,
        /** The path is something else: a directory, a file, {@code /dev/null}. */
        NOT_A_PORT,
        /** Another program (or this one) has the port open. */
        BUSY,
        /** The user may not open the device (not in the dialout group). */
        PERMISSION,
        /** Anything else; the system's error number is in the message. */
        OTHER
    }

    private final Kind kind;
    private final String port;

    /** @param detail what the serial library said (its error number and code location), or null */
    public PortException(Kind kind, String port, String message, Throwable detail) {
        super(message, detail);
        this.kind = kind;
        this.port = port;
    }

    public Kind kind() {
        return kind;
    }

    /** The port path as the user gave it. */
    public String port() {
        return port;
    }
}
