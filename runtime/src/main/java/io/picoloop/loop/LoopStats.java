package io.picoloop.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Loop statistics on demand ({@code blink --stats}): per-task run time and switches, and
 * a histogram of timer lateness (how long after its deadline a sleep or timer really ran).
 */
public final class LoopStats {
    /**
     * Counters of one live task, or of the finished tasks that had this name
     * ({@code tasks} of them; {@code finished} true).
     */
    public record TaskLine(String name, long runNanos, long switches, long tasks, boolean finished) {
    }

    /** Finished tasks are kept by name, up to this many names; the rest are summed in one line. */
    static final int MAX_FINISHED_NAMES = 256;
    static final String OTHER_FINISHED = "(other finished)";

    private final LatencyHistogram lateness;
    private final List<TaskLine> tasks;
    private long callbacks;
    private long callbackNanos;
    private boolean tasksOnLoopThread;
    // Finished tasks' counters by name, in order of first finish: {runNanos, switches, tasks}.
    private final java.util.LinkedHashMap<String, long[]> finished = new java.util.LinkedHashMap<>();

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

    /** Keeps a finished task's counters (a task that never ran is not counted). */
    void taskFinished(Task<?> t) {
        if (t.switches == 0 && t.runNanos == 0) {
            return;
        }
        String key = t.name();
        long[] c = finished.get(key);
        if (c == null) {
            if (finished.size() >= MAX_FINISHED_NAMES) {
                key = OTHER_FINISHED;
                c = finished.get(key);
            }
            if (c == null) {
                c = new long[3];
                finished.put(key, c);
            }
        }
        c[0] += t.runNanos;
        c[1] += t.switches;
        c[2]++;
    }

    LoopStats snapshot(Collection<Task<?>> live, boolean onLoopThread) {
        List<TaskLine> lines = new ArrayList<>();
        for (Task<?> t : live) {
            lines.add(new TaskLine(t.name(), t.runNanos, t.switches, 1, false));
        }
        for (var e : finished.entrySet()) {
            long[] c = e.getValue();
            lines.add(new TaskLine(e.getKey(), c[0], c[1], c[2], true));
        }
        LoopStats s = new LoopStats(lateness.copy(), List.copyOf(lines));
        s.callbacks = callbacks;
        s.callbackNanos = callbackNanos;
        s.tasksOnLoopThread = onLoopThread;
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

    /** True if task threads were carried by the loop's own thread, false on the JDK's shared pool. */
    public boolean tasksOnLoopThread() {
        return tasksOnLoopThread;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-24s %12s %10s  %s%n", "task", "run ms", "switches", "state"));
        for (TaskLine t : tasks) {
            String state = !t.finished() ? "live" : t.tasks() == 1 ? "finished" : "finished x" + t.tasks();
            sb.append(String.format("%-24s %12.3f %10d  %s%n", t.name(), t.runNanos() / 1e6, t.switches(), state));
        }
        sb.append(String.format("%-24s %12.3f %10d%n", "(callbacks)", callbackNanos / 1e6, callbacks));
        sb.append("timer lateness: ").append(lateness).append(System.lineSeparator());
        sb.append(tasksOnLoopThread ? "tasks carried by the loop thread" + System.lineSeparator()
                : "tasks on the JDK's shared virtual-thread pool (slower wake-ups: add"
                        + " --add-opens java.base/java.lang=ALL-UNNAMED)" + System.lineSeparator());
        return sb.toString();
    }
}
