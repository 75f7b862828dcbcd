package io.picoloop.loop;

import java.time.Duration;

/**
 * Simulated time for tests. When no task or callback is ready, the loop jumps this clock
 * straight to the next timer deadline (like trio's MockClock autojump), so an hour of
 * 500 ms blinking runs in milliseconds with exactly the same interleaving every run.
 *
 * <p>Jump policy: the loop never jumps while a task waits on an external completion
 * ({@link Async#await}, {@link ThreadSafeFlag}); it then waits in real time for the other
 * thread's {@code post}. {@link #advance} moves time by hand, e.g. to simulate a blocking call.
 */
public final class VirtualClock implements LoopClock {
    private volatile long now;

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves time forward; never backward. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + d);
        }
        now += d.toNanos();
    }

    /** Called by the loop when idle. */
    void jumpTo(long deadline) {
        if (deadline > now) {
            now = deadline;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + Duration.ofNanos(now) + "]";
    }
}
