package io.picoloop.device;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a {@link Pico}'s {@link DeviceClock} right: every {@code ping} is a sample (sent and
 * answered times on the host clock, stamped on the reader thread); a few pipelined pings when the
 * first pin is watched ({@link #calibrate}); then one every {@link Pico#CLOCK_PING_INTERVAL} while
 * any pin is watched.
 *
 * <p>Every ping also tells whether the board still answers. One that keeps the port open but
 * answers nothing (its bridge hangs, the board froze) would otherwise go unnoticed by a program
 * that only listens: after {@link #UNANSWERED_LIMIT} pings in a row without a reply (the
 * keepalive's, these, or the program's own), with nothing at all from the board for that many
 * request timeouts, the link is given up, as if unplugged.
 */
final class ClockSync {

    private final DeviceClock deviceClock = new DeviceClock();
    private final RequestPipeline requests;
    private final LongSupplier hostClock;
    private final Duration requestTimeout;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier anyWatched;
    private ScheduledFuture<?> pinger; // guarded by this
    /** Pings in a row that timed out. */
    private int unanswered; // guarded by this
    private boolean gaveUp; // guarded by this
    /** Gives the link up (closes it with that cause). */
    private final Consumer<DeviceException> lost;

    /** Unanswered pings in a row that end the link: with the keepalive's, about a whole period of silence. */
    static final int UNANSWERED_LIMIT = 3;

    ClockSync(RequestPipeline requests, DeviceOptions options, ScheduledExecutorService timer,
              BooleanSupplier anyWatched, Consumer<DeviceException> lost) {
        this.lost = lost;
        this.requests = requests;
        this.hostClock = options.hostClock();
        this.requestTimeout = options.requestTimeout();
        this.timer = timer;
        this.anyWatched = anyWatched;
    }

    DeviceClock deviceClock() {
        return deviceClock;
    }

    /** Pings; the reply is also a sample for the {@link DeviceClock}. */
    CompletableFuture<PingResult> ping() {
        long[] rtt = {0};
        return requests.send("ping", new String[0], requestTimeout, (r, start) -> {
            long now = hostClock.getAsLong();
            if (r.ok() && !r.values().isEmpty()) {
                rtt[0] = now - start;
                deviceClock.addSample(start, now, r.longValue(0));
            }
        }).whenComplete((r, e) -> answered(e)).thenApply(r -> new PingResult(r.longValue(0), Duration.ofNanos(rtt[0])));
    }

    /**
     * A ping's outcome ({@code e} null: answered). Timeouts in a row alone are not enough: pings
     * sent together (a calibration, a program's burst) time out together when the board is slow
     * for a moment. It must also have sent nothing at all for as long as that many timeouts.
     */
    private void answered(Throwable e) {
        long silentNanos = System.nanoTime() - requests.lastHeardNanos();
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

    /** A few pings, pipelined; completes when they are all answered, whatever the answers. */
    CompletableFuture<Void> calibrate() {
        CompletableFuture<?>[] pings = new CompletableFuture<?>[Pico.CALIBRATION_PINGS];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = ping().exceptionally(e -> null);
        }
        return CompletableFuture.allOf(pings);
    }

    /** Starts the periodic pings (when not running and the link is up). */
    synchronized void start() {
        if (pinger == null && !requests.isClosed()) {
            long period = Pico.CLOCK_PING_INTERVAL.toNanos();
            pinger = timer.scheduleAtFixedRate(() -> {
                if (anyWatched.getAsBoolean()) {
                    ping().exceptionally(e -> null);
                } else {
                    stopIfIdle();
                }
            }, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the periodic pings when no pin is watched. */
    synchronized void stopIfIdle() {
        if (!anyWatched.getAsBoolean()) {
            stop();
        }
    }

    synchronized void stop() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
    }
}
