package io.picoloop.install;

import io.picoloop.micropython.MicroPythonException;

/** An install failed; the message is one line naming the board and the fix. */
public final class InstallException extends RuntimeException {

    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The raw REPL's failure, said as an install's: for a cut link, what the board boots now. */
    static InstallException from(MicroPythonException e) {
        return switch (e.kind()) {
            case LINK_LOST, STOPPED_ANSWERING -> new InstallException(e.getMessage()
                    + " (files are written under temporary names and moved into place last, so the board still boots"
                    + " its old bridge or MicroPython's REPL)", e);
            default -> new InstallException(e.getMessage(), e);
        };
    }
}
