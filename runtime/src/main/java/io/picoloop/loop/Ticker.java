package io.picoloop.loop;

import java.time.Duration;

/**
 * Periodic wake-ups for straight-line tasks on absolute deadlines (start + k * period), so
 * a 500 ms blink is still in phase after an hour:
 * {@code var tick = new Ticker(Duration.ofMillis(500)); while (true) { led.toggle(); tick.await(); }}.
 * If the task overran, missed ticks are skipped and reported, never fired as a burst.
 */
public final class Ticker {
    private final EventLoop loop;
    private final long period;
    private long deadline;
    private long overruns;

    /** Create inside a task; the first tick is one period from now. */
    public Ticker(Duration period) {
        Task<?> self = Async.requireTask("new Ticker");
        this.loop = self.loop;
        this.period = EventLoop.checkedNanos(period, "period");
        if (this.period == 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.deadline = loop.nowNanos();
    }

    /** Sleeps until the next tick; returns how many ticks were skipped because the task overran. */
    public long await() {
        Task<?> self = Async.requireTask("Ticker.await");
        long next = Timer.nextOnGrid(deadline, period, loop.nowNanos());
        long missed = (next - deadline) / period - 1;
        if (missed > 0) {
            overruns += missed;
            loop.reporter().overrun("task '" + self.name() + "'", missed);
        }
        deadline = next;
        loop.sleepUntil(self, next);
        return missed;
    }

    /** The deadline the last {@link #await()} slept until. */
    public long deadlineNanos() {
        return deadline;
    }

    public long overruns() {
        return overruns;
    }
}
