package io.picoloop.loop;

import java.time.Duration;

/**
 * Notices, while it is still happening, that one task or callback holds the loop too long
 * (a CPU loop or a blocking call without await: the classic cooperative-scheduling mistake).
 * The exact duration is reported by the loop itself when the culprit finally yields; this
 * daemon thread adds the "still stuck" warning, once per stall, with what the holder is doing.
 * Real clock only.
 *
 * <p>On a loaded machine the whole process is sometimes not scheduled (other builds, GC,
 * safepoints). That is not the holder's fault, so the watchdog also measures how late its own
 * short sleeps wake up: a wake-up more than {@link #STALL_TOLERANCE_NANOS} late means nobody
 * in this process ran for that long. The loop subtracts that stalled time before blaming
 * anyone (see {@link #stalledNanos()}); and a task that was handed the permit but whose
 * thread has not run yet is not holding the loop at all (its run time starts when it runs).
 */
final class BlockingWatchdog {
    static final long STALL_TOLERANCE_NANOS = 2_000_000;
    static final long MAX_TICK_NANOS = 10_000_000;

    private final EventLoop loop;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long stalled;      // total time the watchdog found itself not scheduled
    private volatile long expected;     // when the watchdog's current sleep should end

    private BlockingWatchdog(EventLoop loop) {
        this.loop = loop;
        this.thread = Thread.ofPlatform().daemon().name("picoloop-watchdog").unstarted(this::watch);
    }

    static BlockingWatchdog startFor(EventLoop loop) {
        if (loop.clock() instanceof VirtualClock || loop.blockingThreshold().toNanos() <= 0) {
            return null;
        }
        BlockingWatchdog w = new BlockingWatchdog(loop);
        w.thread.start();
        return w;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    /** Monotonic total of the process stalls seen so far (ns); differences bracket a hold. */
    long stalledNanos() {
        return stalled;
    }

    /** Adds a stall of the whole process that the watchdog measured on itself (its thread only). */
    void noteStall(long nanos) {
        stalled += nanos;
    }

    /**
     * As {@link #stalledNanos()}, plus a stall still in progress from the watchdog's view: right
     * after a long GC pause or OS stall the holder may run before the watchdog has woken up
     * to count it. Read {@code expected} first: it is written after {@code stalled}, so this
     * can count a stall twice (lenient) but never miss a counted one.
     */
    long stalledNanos(long now) {
        long e = expected;
        long s = stalled;
        long late = now - e;
        return late > STALL_TOLERANCE_NANOS ? s + late : s;
    }

    private void watch() {
        long threshold = loop.blockingThreshold().toNanos();
        // Short ticks (at most 10 ms): the stall measurement is only as fine as the tick.
        long tick = Math.max(Math.min(threshold / 4, MAX_TICK_NANOS), 1_000_000);
        long warnedSince = 0;
        expected = System.nanoTime() + tick;
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(tick));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long late = now - expected;
            if (late > STALL_TOLERANCE_NANOS) {
                noteStall(late);
            }
            expected = now + tick;
            Object what = loop.running;
            long since = loop.runningSinceReal;
            long mark = loop.stallMarkForWatchdog();
            if (what == null || since == warnedSince) {
                continue;
            }
            long held = now - since;
            long own = held - (stalled - mark);
            if (own >= threshold && what == loop.running && since == loop.runningSinceReal) {
                Thread holder = loop.holder;
                String doing = holder == null ? "" : describe(holder.getState(), holder.getStackTrace());
                if (what != loop.running || since != loop.runningSinceReal) {
                    continue;                       // it yielded while we looked
                }
                warnedSince = since;
                loop.reporter().stillBlocked(EventLoop.describe(what), Duration.ofNanos(held), doing);
            }
        }
    }

    /**
     * What a thread holding the loop is doing, from its state and stack: running code (a CPU
     * loop), or blocked in a call that is not an await point (Thread.sleep, a lock, blocking
     * I/O). Names the first frame outside the JDK.
     */
    static String describe(Thread.State state, StackTraceElement[] stack) {
        StackTraceElement own = null;
        StackTraceElement top = stack.length > 0 ? stack[0] : null;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                own = f;
                break;
            }
        }
        String where = own == null ? "" : " at " + own;
        return switch (state) {
            case RUNNABLE -> top != null && top.isNativeMethod() && own != top
                    ? "in a native call " + top.getClassName() + "." + top.getMethodName() + where
                        + " (blocking I/O without await?)"
                    : "running" + where + " (a CPU loop without await?)";
            case BLOCKED, WAITING, TIMED_WAITING -> "blocked (" + state + ") in "
                    + (top == null ? "?" : top.getClassName() + "." + top.getMethodName()) + where
                    + " (a blocking call that is not an await point)";
            default -> String.valueOf(state);
        };
    }
}
