package io.picoloop.cli;

import java.time.Duration;

/**
 * The {@code off} a command sends as it ends got no answer: the outputs may still be on. Thrown by
 * {@link ConnectedBoard#close()}; when the command had failed already (typically: the board stopped
 * answering), it rides along as a suppressed exception and {@link FailureReporter} adds
 * {@link #note()} to that failure's line. Says only what the host knows: what it sent, and whether
 * the board acknowledged a keepalive that would switch the outputs off by itself.
 */
final class OutputsUnconfirmed extends RuntimeException {

    private final String note;

    /**
     * @param offFailure why {@code off} failed
     * @param keepalive  the keepalive the board acknowledged ({@code Pico.confirmedKeepalive()}), zero for none
     */
    OutputsUnconfirmed(RuntimeException offFailure, Duration keepalive) {
        super("could not switch the outputs off: " + offFailure.getMessage() + "; " + state(keepalive), offFailure);
        this.note = "\"off\" went unanswered too, so " + state(keepalive);
    }

    /** What to add to the line of the failure that ended the command. */
    String note() {
        return note;
    }

    private static String state(Duration keepalive) {
        if (keepalive.isZero()) {
            return "outputs may still be on, and the board acknowledged no keepalive that would switch them off:"
                    + " reset or unplug it";
        }
        long ms = keepalive.toMillis();
        return "outputs may still be on; if the bridge still runs, its keepalive switches them off "
                + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms") + " after the last line it got";
    }
}
