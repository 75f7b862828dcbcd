package io.picoloop.device;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps a {@link Pico}'s {@link DeviceClock} right: every {@code ping} is a sample (sent and
 * answered times on the host clock, stamped on the reader thread); a few pipelined pings when the
 * first pin is watched ({@link #calibrate}); then one every {@link Pico#CLOCK_PING_INTERVAL} while
 * any pin is watched.
 */
final class ClockSync {

    private final DeviceClock deviceClock = new DeviceClock();
    private final RequestPipeline requests;
    private final LongSupplier hostClock;
    private final Duration requestTimeout;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier anyWatched;
    private ScheduledFuture<?> pinger; // guarded by this

    ClockSync(RequestPipeline requests, DeviceOptions options, ScheduledExecutorService timer,
              BooleanSupplier anyWatched) {
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
        }).thenApply(r -> new PingResult(r.longValue(0), Duration.ofNanos(rtt[0])));
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
