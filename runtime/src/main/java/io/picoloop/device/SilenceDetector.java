package io.picoloop.device;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Decides that a board which keeps its port open has stopped answering (its bridge hangs, the
 * board froze), which a program that only listens would otherwise not notice: after
 * {@link #UNANSWERED_LIMIT} pings in a row without a reply (the keepalive's, the clock's, or the
 * program's own), with nothing at all from the board for that many request timeouts, the link is
 * given up, as if unplugged.
 */
final class SilenceDetector {

    /** Unanswered pings in a row that end the link: with the keepalive's, about a whole period of silence. */
    static final int UNANSWERED_LIMIT = 3;

    private final Duration requestTimeout;
    /** System.nanoTime() of the last line from the board. */
    private final LongSupplier lastHeardNanos;
    /** Gives the link up (closes it with that cause). */
    private final Consumer<DeviceException> lost;
    /** Pings in a row that timed out. */
    private int unanswered; // guarded by this
    private boolean gaveUp; // guarded by this

    SilenceDetector(Duration requestTimeout, LongSupplier lastHeardNanos, Consumer<DeviceException> lost) {
        this.requestTimeout = requestTimeout;
        this.lastHeardNanos = lastHeardNanos;
        this.lost = lost;
    }

    /**
     * A ping's outcome ({@code e} null: answered). Timeouts in a row alone are not enough: pings
     * sent together (a calibration, a program's burst) time out together when the board is slow
     * for a moment. It must also have sent nothing at all for as long as that many timeouts.
     */
    void pinged(Throwable e) {
        long silentNanos = System.nanoTime() - lastHeardNanos.getAsLong();
        int inARow;
        synchronized (this) {
            unanswered = e instanceof DeviceTimeoutException ? unanswered + 1 : 0;     // (the pipeline fails its futures unwrapped)
            inARow = unanswered;
            if (inARow < UNANSWERED_LIMIT || silentNanos < UNANSWERED_LIMIT * requestTimeout.toNanos() || gaveUp) {
                return;
            }
            gaveUp = true;
        }
        lost.accept(new DeviceTimeoutException(null, "the board stopped answering: " + inARow
                + " pings in a row got no reply within " + requestTimeout.toMillis() + " ms, and nothing came from it"
                + " for " + silentNanos / 1_000_000 + " ms (its bridge hangs or the board froze?);"
                + " replug the board and try again"));
    }

    /** The board is back after a gap: the pings that went unanswered while it was away no longer count. */
    synchronized void linkBack() {
        unanswered = 0;
        gaveUp = false;
    }
}
