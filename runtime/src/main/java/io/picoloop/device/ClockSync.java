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
 * keepalive's, these, or the program's own) the link is given up, as if unplugged.
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

    /** A ping's outcome ({@code e} null: answered). */
    private void answered(Throwable e) {
        int inARow;
        synchronized (this) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            unanswered = cause instanceof DeviceTimeoutException ? unanswered + 1 : 0;
            inARow = unanswered;
        }
        if (inARow == UNANSWERED_LIMIT) {
            lost.accept(new DeviceTimeoutException(null, "the board stopped answering: " + inARow
                    + " pings in a row got no reply within " + requestTimeout.toMillis()
                    + " ms (its bridge hangs or the board froze?); replug the board and try again"));
        }
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
