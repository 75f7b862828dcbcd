package io.picoloop.device;

import io.picoloop.protocol.Commands;
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
 * first pin is watched ({@link #calibrate}); then one every {@link #PING_INTERVAL} while any pin is
 * watched. Every ping's outcome also goes to the {@link SilenceDetector}, which decides whether the
 * board still answers.
 */
final class ClockSync {

    /** While a pin is watched the client pings this often to keep the {@link DeviceClock} right. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(2);
    /** Pings sent when the first pin is watched, before {@link Pico#watch} returns. */
    static final int CALIBRATION_PINGS = 4;

    private final DeviceClock deviceClock = new DeviceClock();
    private final RequestPipeline requests;
    private final LongSupplier hostClock;
    private final Duration requestTimeout;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier anyWatched;
    private final SilenceDetector silence;
    private ScheduledFuture<?> pinger; // guarded by this

    ClockSync(RequestPipeline requests, DeviceOptions options, ScheduledExecutorService timer,
              BooleanSupplier anyWatched, SilenceDetector silence) {
        this.requests = requests;
        this.hostClock = options.hostClock();
        this.requestTimeout = options.requestTimeout();
        this.timer = timer;
        this.anyWatched = anyWatched;
        this.silence = silence;
    }

    DeviceClock deviceClock() {
        return deviceClock;
    }

    /** Pings; the reply is also a sample for the {@link DeviceClock}. */
    CompletableFuture<PingResult> ping() {
        long[] rtt = {0};
        return requests.send(Commands.ping(), requestTimeout, (r, start) -> {
            long now = hostClock.getAsLong();
            if (Commands.hasPingTime(r)) {
                rtt[0] = now - start;
                deviceClock.addSample(start, now, Commands.pingMicros(r));
            }
        }).whenComplete((r, e) -> silence.pinged(e))
                .thenApply(r -> new PingResult(Commands.pingMicros(r), Duration.ofNanos(rtt[0])));
    }

    /** A few pings, pipelined; completes when they are all answered, whatever the answers. */
    CompletableFuture<Void> calibrate() {
        CompletableFuture<?>[] pings = new CompletableFuture<?>[CALIBRATION_PINGS];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = ping().exceptionally(e -> null);
        }
        return CompletableFuture.allOf(pings);
    }

    /** Starts the periodic pings (when not running and the link is up). */
    synchronized void start() {
        if (pinger == null && !requests.isClosed()) {
            long period = PING_INTERVAL.toNanos();
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
