package io.picoloop.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Loop statistics on demand ({@code blink --stats}): per-task run time and switches, and
 * a histogram of timer lateness (how long after its deadline a sleep or timer really ran).
 */
public final class LoopStats {
    /** One live task's counters. */
    public record TaskLine(String name, long runNanos, long switches) {
    }

    private final LatencyHistogram lateness;
    private final List<TaskLine> tasks;
    private long callbacks;
    private long callbackNanos;

    LoopStats() {
        this(new LatencyHistogram(), List.of());
    }

    private LoopStats(LatencyHistogram lateness, List<TaskLine> tasks) {
        this.lateness = lateness;
        this.tasks = tasks;
    }

    void recordLateness(long nanos) {
        lateness.record(nanos);
    }

    void callbackRun(long nanos) {
        callbacks++;
        callbackNanos += nanos;
    }

    LoopStats snapshot(Collection<Task<?>> live) {
        List<TaskLine> lines = new ArrayList<>();
        for (Task<?> t : live) {
            lines.add(new TaskLine(t.name(), t.runNanos, t.switches));
        }
        LoopStats s = new LoopStats(lateness.copy(), List.copyOf(lines));
        s.callbacks = callbacks;
        s.callbackNanos = callbackNanos;
        return s;
    }

    public LatencyHistogram timerLateness() {
        return lateness;
    }

    public List<TaskLine> tasks() {
        return tasks;
    }

    public long callbacks() {
        return callbacks;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-24s %12s %10s%n", "task", "run ms", "switches"));
        for (TaskLine t : tasks) {
            sb.append(String.format("%-24s %12.3f %10d%n", t.name(), t.runNanos() / 1e6, t.switches()));
        }
        sb.append(String.format("%-24s %12.3f %10d%n", "(callbacks)", callbackNanos / 1e6, callbacks));
        sb.append("timer lateness: ").append(lateness).append(System.lineSeparator());
        return sb.toString();
    }
}
