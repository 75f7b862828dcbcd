package io.picoloop.protocol;

/**
 * The device sent something that is not protocol v1. The message always names what was seen
 * (non-printable bytes escaped as {@code \xNN}, long lines truncated), so a user can tell a REPL
 * banner from line noise from a firmware bug.
 */
public class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
