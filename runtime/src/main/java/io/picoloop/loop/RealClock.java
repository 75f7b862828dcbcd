package io.picoloop.loop;

/** Wall-independent monotonic time: {@link System#nanoTime()}. */
public final class RealClock implements LoopClock {
    public static final RealClock INSTANCE = new RealClock();

    private RealClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "RealClock";
    }
}
