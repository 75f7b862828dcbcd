package io.picoloop.sim;

import java.util.function.LongSupplier;

/**
 * The device's microsecond clock ({@code ping}, reply and edge stamps; the firmware's
 * bridge_protocol.Clock): time since the last boot on the simulator's nano clock, so a virtual
 * clock drives every stamp the host sees.
 */
final class Clock {

    private final LongSupplier nanoClock;
    // volatile: a restart on a caller's thread moves it while the device thread stamps
    private volatile long bootNanos;

    Clock(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.bootNanos = nanoClock.getAsLong();
    }

    long nanos() {
        return nanoClock.getAsLong();
    }

    void reboot() {
        bootNanos = nanoClock.getAsLong();
    }

    /** {@code ping}'s answer. */
    long uptimeMicros() {
        return (nanoClock.getAsLong() - bootNanos) / 1000;
    }

    /** A moment's stamp; never negative, as the firmware's never-wrapping clock cannot be. */
    long micros(long nanos) {
        return Math.max(0, (nanos - bootNanos) / 1000);
    }
}
