package io.picoloop.loop;

/**
 * A scheduled callback ({@link EventLoop#runLater}, {@link EventLoop#every}) or a sleeping
 * task's wake-up. Ordered by (deadline, sequence) so equal deadlines fire in the order they
 * were scheduled: the same program gives the same interleaving every run.
 */
public final class Timer {
    final EventLoop loop;
    final String name;
    private String label;   // "callback 'name'", made on first report
    final Runnable fn;
    final Task<?> task;     // non-null: wake this sleeping task instead of running fn
    final long period;      // 0 for one-shot
    long deadline;
    long seq;
    int heapIndex = -1;     // slot in the TimerQueue, -1 when not queued
    boolean cancelled;
    private long overruns;

    Timer(EventLoop loop, String name, long deadline, long period, Runnable fn, Task<?> task) {
        this.loop = loop;
        this.name = name;
        this.deadline = deadline;
        this.period = period;
        this.fn = fn;
        this.task = task;
    }

    /** Stops the timer; a callback that has not run yet will not run. Idempotent. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled(this);
        }
    }

    /** "callback 'name'" (or the sleeping task's label), for reports. */
    String label() {
        if (task != null) {
            return task.label();
        }
        String l = label;
        if (l == null) {
            l = label = "callback '" + name + "'";
        }
        return l;
    }

    public boolean isActive() {
        return !cancelled;
    }

    /** How many ticks a periodic timer skipped because its callback overran. */
    public long overruns() {
        return overruns;
    }

    public String name() {
        return name;
    }

    /** For a periodic timer: the next deadline on the absolute grid, skipping missed ticks. */
    long advance(long now) {
        long next = nextOnGrid(deadline, period, now);
        long missed = (next - deadline) / period - 1;
        overruns += missed;
        deadline = next;
        return missed;
    }

    /**
     * The first deadline not before {@code now} on the grid {@code deadline + k * period}, k >= 1:
     * the scheduler's overrun rule (missed ticks are skipped, never fired as a burst), public for
     * schedules a task keeps itself ({@code picoloop blink}'s on and off).
     */
    public static long nextOnGrid(long deadline, long period, long now) {
        long next = deadline + period;
        return next >= now ? next : deadline + ((now - deadline + period - 1) / period) * period;
    }

    @Override
    public String toString() {
        return "Timer[" + name + "]";
    }
}
