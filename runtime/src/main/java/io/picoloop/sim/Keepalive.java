package io.picoloop.sim;

import java.util.function.LongSupplier;

/**
 * The host-alive watchdog of {@code keepalive <ms>} (the firmware's bridge_protocol.Keepalive),
 * in real time (see {@link SimulatedPico}): while armed, every line from the host moves the deadline to
 * {@code <ms>} from now; once a deadline passes, {@link Dispatcher#expireIfDue} puts the
 * board in the safe state. Disarmed at boot, by {@code keepalive 0}, by an expiry and by
 * {@code repl}. Guarded by the device lock.
 */
final class Keepalive {

    private final LongSupplier nanoClock;
    private int periodMs; // 0: disarmed
    private long deadlineNanos;

    Keepalive(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void set(int ms) {
        periodMs = ms;
        refresh();
    }

    void refresh() {
        if (periodMs > 0) {
            deadlineNanos = nanoClock.getAsLong() + periodMs * 1_000_000L;
        }
    }

    /** Nanoseconds until the deadline (0: it has passed), or -1 while disarmed. */
    long leftNanos() {
        return periodMs == 0 ? -1 : Math.max(0, deadlineNanos - nanoClock.getAsLong());
    }

    /** The period when the deadline has passed, which disarms it; 0 otherwise. */
    int expire() {
        if (leftNanos() != 0) {
            return 0;
        }
        int ms = periodMs;
        periodMs = 0;
        return ms;
    }
}
