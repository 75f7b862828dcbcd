package io.picoloop.device;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * How a {@link Pico} client behaves.
 *
 * @param requestTimeout   how long each request may wait for its reply (default 1 s)
 * @param handshakeTimeout how long {@code hello} may take when connecting (default 2 s)
 * @param maxInFlight      requests sent ahead of their replies (default 16, the protocol's limit);
 *                         more wait on the host
 * @param callbackExecutor where futures complete and event/warning listeners run; null: a
 *                         dedicated daemon thread per client. Pass {@code loop::post} to run them
 *                         on a picoloop event loop. Never the transport's reader thread.
 * @param hostClock        the host timeline (nanoseconds) that device times are mapped onto
 *                         ({@link Edge#hostNanos()}, {@link DeviceClock}) and pings are timed with;
 *                         default {@link System#nanoTime()}, the timeline of a loop on its real clock.
 *                         Pass {@code loop.clock()::nanoTime} for a loop on a virtual clock.
 */
public record DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                            Executor callbackExecutor, LongSupplier hostClock) {

    public static final int PROTOCOL_MAX_IN_FLIGHT = io.picoloop.protocol.Protocol.MAX_IN_FLIGHT;

    public DeviceOptions {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
        }
        if (maxInFlight < 1 || maxInFlight > PROTOCOL_MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("max in flight must be 1.." + PROTOCOL_MAX_IN_FLIGHT + ": " + maxInFlight);
        }
        Objects.requireNonNull(hostClock, "hostClock");
    }

    public DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                         Executor callbackExecutor) {
        this(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, System::nanoTime);
    }

    public static DeviceOptions defaults() {
        return new DeviceOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), PROTOCOL_MAX_IN_FLIGHT, null);
    }

    public DeviceOptions withRequestTimeout(Duration d) {
        return new DeviceOptions(d, handshakeTimeout, maxInFlight, callbackExecutor, hostClock);
    }

    public DeviceOptions withHandshakeTimeout(Duration d) {
        return new DeviceOptions(requestTimeout, d, maxInFlight, callbackExecutor, hostClock);
    }

    public DeviceOptions withMaxInFlight(int n) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, n, callbackExecutor, hostClock);
    }

    public DeviceOptions withCallbackExecutor(Executor e) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, e, hostClock);
    }

    public DeviceOptions withHostClock(LongSupplier clock) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, clock);
    }
}
