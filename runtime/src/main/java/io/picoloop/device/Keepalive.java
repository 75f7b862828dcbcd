package io.picoloop.device;

import io.picoloop.protocol.Commands;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The host's half of the board's keepalive ({@link DeviceOptions#keepalive()}): arms the board's
 * watchdog ({@code keepalive <ms>}) right after the handshake and again after the board lost it
 * ({@code ! expired}, {@code ! boot}), then makes sure a request goes out at least every third of
 * the period: a {@code ping} when the program sent nothing else. So the board only switches its
 * outputs off when this host is gone, or stalled for a whole period.
 *
 * <p>One timer task at a time on the client's timer thread: it wakes a third of the period after
 * the last request went out, and sleeps again to the new moment when one went out meanwhile.
 * A bridge without the command (firmware before 0.3.0) answers {@code err unknown}: the client
 * then goes on without a keepalive and warns once.
 */
final class Keepalive {

    private final RequestPipeline requests;
    private final ClockSync clockSync;
    private final ScheduledExecutorService timer;
    private final Warnings warnings;
    private final DeviceOptions options;
    /** The port the board is on now (it may move on a replug). */
    private final Supplier<String> port;
    private final long intervalNanos;
    private ScheduledFuture<?> refresher; // guarded by this
    private boolean warned; // guarded by this
    /** The period the board acknowledged with ok, in ms; 0 while off, refused or unanswered. */
    private long confirmedMs; // guarded by this
    /** Counts arms: an ok that comes after the board lost its keepalive again confirms nothing. */
    private long armings; // guarded by this

    Keepalive(RequestPipeline requests, ClockSync clockSync, ScheduledExecutorService timer, Warnings warnings,
              DeviceOptions options, Supplier<String> port) {
        this.requests = requests;
        this.clockSync = clockSync;
        this.timer = timer;
        this.warnings = warnings;
        this.options = options;
        this.port = port;
        this.intervalNanos = options.keepalive().toNanos() / 3;
    }

    /**
     * Arms the board's keepalive (when the options have one) and keeps it fed. Never blocks: the
     * reply is handled when it comes.
     */
    void arm(BridgeIdentity board) {
        if (options.keepalive().isZero() || requests.isClosed()) {
            return;
        }
        long ms = options.keepalive().toMillis();
        long arming;
        synchronized (this) {
            confirmedMs = 0;
            arming = ++armings;
        }
        feed();
        requests.send(Commands.keepalive(ms), options.requestTimeout(), null)
                .whenComplete((r, e) -> {
                    if (e == null) {
                        confirmed(arming, ms);
                    } else if (e instanceof DeviceErrorException err) {
                        // the board is not armed: pinging for it would only be traffic
                        stop();
                        warnOnce(err.code().equals(Commands.ERR_UNKNOWN)
                                ? "the bridge on " + port.get() + " (firmware " + board.firmwareVersion() + ") has no keepalive:"
                                        + " if this program dies, the board keeps its outputs as they are; update the"
                                        + " bridge firmware: " + Protocol.INSTALL_FIX
                                : "the bridge on " + port.get() + " refused keepalive " + ms + ": " + err.getMessage());
                    } else if (e != null && !(e instanceof DeviceDisconnectedException)) {
                        // no answer: the board may well be armed, so keep feeding it
                        warnings.warn("keepalive " + ms + " to " + port.get() + ": " + e.getMessage());
                    }
                });
    }

    /**
     * The period the board acknowledged: it switches its outputs off by itself when that long
     * passes without a line from the host. Zero when the keepalive is off, was refused (old
     * firmware) or not answered (yet), or the board lost it (restart, expiry) and has not
     * acknowledged it again.
     */
    synchronized Duration confirmed() {
        return Duration.ofMillis(confirmedMs);
    }

    /** The board's ok to arm number {@code arming}: it counts only if no later arm began since. */
    private synchronized void confirmed(long arming, long ms) {
        if (arming == armings) {
            confirmedMs = ms;
        }
    }

    /** Ends the feeding (the link closed, or the board has no keepalive). */
    synchronized void stop() {
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
    }

    private synchronized void warnOnce(String message) {
        if (!warned) {
            warned = true;
            warnings.warn(message);
        }
    }

    private synchronized void feed() {
        if (refresher == null) {
            schedule(intervalNanos);
        }
    }

    /** Under the lock. */
    private void schedule(long delayNanos) {
        try {
            refresher = timer.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            refresher = null; // the client is closing
        }
    }

    private synchronized void tick() {
        if (refresher == null) {
            return; // stopped meanwhile
        }
        if (requests.isClosed()) {
            refresher = null;
            return;
        }
        long quiet = System.nanoTime() - requests.lastSentNanos();
        if (quiet >= intervalNanos) {
            clockSync.ping().exceptionally(e -> null); // a failure shows on the program's own requests
            schedule(intervalNanos);
        } else {
            schedule(intervalNanos - quiet);
        }
    }
}
