package io.picoloop.device;

import java.time.Duration;
import java.util.concurrent.Executor;

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
 */
public record DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                            Executor callbackExecutor) {

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
    }

    public static DeviceOptions defaults() {
        return new DeviceOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), PROTOCOL_MAX_IN_FLIGHT, null);
    }

    public DeviceOptions withRequestTimeout(Duration d) {
        return new DeviceOptions(d, handshakeTimeout, maxInFlight, callbackExecutor);
    }

    public DeviceOptions withHandshakeTimeout(Duration d) {
        return new DeviceOptions(requestTimeout, d, maxInFlight, callbackExecutor);
    }

    public DeviceOptions withMaxInFlight(int n) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, n, callbackExecutor);
    }

    public DeviceOptions withCallbackExecutor(Executor e) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, e);
    }
}
