package io.picoloop.device;

import io.picoloop.config.BoardProfile;
import io.picoloop.config.BoardProfileLoader;
import io.picoloop.protocol.Protocol;
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
 * @param keepalive        the board's host-alive watchdog ({@code keepalive <ms>}, firmware 0.3.0):
 *                         when no request reaches the board for this long (the process was killed or
 *                         crashed, the JVM or the Pi stalled) it drives every output low and ends
 *                         every watch. The client arms it right after the handshake and sends a
 *                         {@code ping} from its own timer thread whenever nothing else went out for a
 *                         third of it: a program that is alive but stuck (a deadlocked task, a busy
 *                         loop) keeps the board fed, so this does not replace its own cleanup. Default {@link #DEFAULT_KEEPALIVE};
 *                         {@link Duration#ZERO}: off (outputs then stay as they are when the program
 *                         dies); else whole milliseconds, 100 ms to 10 min. Always real time, also
 *                         with a virtual {@code hostClock}.
 * @param profile          the board profile whose pin names {@link Pico#parsePin} and every
 *                         {@code String} pin method take ({@code pico.output("red")}); default
 *                         {@link BoardProfileLoader#defaults()}, the classroom kit's names
 */
public record DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                            Executor callbackExecutor, LongSupplier hostClock, Duration keepalive,
                            BoardProfile profile) {

    /** The keepalive of {@link #defaults()}: outputs go low 3 s after the program is gone. */
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(3);

    public DeviceOptions {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
        }
        if (maxInFlight < 1 || maxInFlight > Protocol.MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("max in flight must be 1.." + Protocol.MAX_IN_FLIGHT + ": " + maxInFlight);
        }
        Objects.requireNonNull(hostClock, "hostClock");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(profile, "profile");
        if (!isValidKeepalive(keepalive)) {
            throw new IllegalArgumentException("keepalive must be zero (off) or whole milliseconds from "
                    + Protocol.KEEPALIVE_MIN_MS + " ms to " + Protocol.KEEPALIVE_MAX_MS / 60_000 + " min: " + keepalive);
        }
    }

    /**
     * What the bridge takes as a keepalive: zero (off), or whole milliseconds from
     * {@link Protocol#KEEPALIVE_MIN_MS} to {@link Protocol#KEEPALIVE_MAX_MS}.
     */
    public static boolean isValidKeepalive(Duration keepalive) {
        return keepalive.isZero() || keepalive.compareTo(Duration.ofMillis(Protocol.KEEPALIVE_MIN_MS)) >= 0
                && keepalive.compareTo(Duration.ofMillis(Protocol.KEEPALIVE_MAX_MS)) <= 0
                && keepalive.toNanosPart() % 1_000_000 == 0;
    }

    public DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                         Executor callbackExecutor, LongSupplier hostClock, Duration keepalive) {
        this(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, hostClock, keepalive,
                BoardProfileLoader.defaults());
    }

    public DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                         Executor callbackExecutor, LongSupplier hostClock) {
        this(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, hostClock, DEFAULT_KEEPALIVE);
    }

    public DeviceOptions(Duration requestTimeout, Duration handshakeTimeout, int maxInFlight,
                         Executor callbackExecutor) {
        this(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, System::nanoTime);
    }

    public static DeviceOptions defaults() {
        return new DeviceOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), Protocol.MAX_IN_FLIGHT, null);
    }

    public DeviceOptions withRequestTimeout(Duration d) {
        return new DeviceOptions(d, handshakeTimeout, maxInFlight, callbackExecutor, hostClock, keepalive, profile);
    }

    public DeviceOptions withHandshakeTimeout(Duration d) {
        return new DeviceOptions(requestTimeout, d, maxInFlight, callbackExecutor, hostClock, keepalive, profile);
    }

    public DeviceOptions withMaxInFlight(int n) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, n, callbackExecutor, hostClock, keepalive, profile);
    }

    public DeviceOptions withCallbackExecutor(Executor e) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, e, hostClock, keepalive, profile);
    }

    public DeviceOptions withHostClock(LongSupplier clock) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, clock, keepalive, profile);
    }

    /** The board's keepalive; {@link Duration#ZERO} turns it off. */
    public DeviceOptions withKeepalive(Duration d) {
        return new DeviceOptions(requestTimeout, handshakeTimeout, maxInFlight, callbackExecutor, hostClock, d, profile);
    }

    /**
     * A board profile's pin names and reply timeouts (its serial settings, baud and USB vendor
     * id, are for opening the port: {@code SerialTransport.open(port, profile.baud())}).
     */
    public DeviceOptions withProfile(BoardProfile p) {
        return new DeviceOptions(p.requestTimeout(), p.handshakeTimeout(), maxInFlight, callbackExecutor, hostClock,
                keepalive, p);
    }
}
