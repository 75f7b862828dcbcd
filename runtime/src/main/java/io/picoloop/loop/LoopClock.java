package io.picoloop.loop;

/**
 * The loop's monotonic time source, in nanoseconds from an arbitrary origin.
 * {@link RealClock} reads {@link System#nanoTime()}; {@link VirtualClock} only moves when
 * the loop (or a test) moves it, which makes schedules deterministic and fast to test.
 */
public interface LoopClock {
    long nanoTime();
}
