import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.LatencyHistogram;
import io.picoloop.loop.Task;
import io.picoloop.loop.Ticker;
import io.picoloop.loop.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * picoloop side of the scheduler benchmarks; asyncio_bench.py is the same workloads for
 * CPython asyncio. Each prints one "RESULT name value unit" line per figure for run.sh.
 */
public final class SchedulerBench {
    public static void main(String[] args) {
        switch (args[0]) {
            case "switch" -> switchThroughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "callbacks" -> callbackThroughput(Integer.parseInt(args[1]));
            case "lateness" -> {
                if (WARM) {     // a discarded round first: the second runs JIT-compiled code
                    lateness(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 2, true);
                }
                lateness(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), false);
            }
            case "scale" -> scaleRounds(Integer.parseInt(args[1]), false);
            case "scale-burst" -> scaleRounds(Integer.parseInt(args[1]), true);
            case "drift" -> drift(Integer.parseInt(args[1]));
            case "control" -> {
                Control c = Control.start(Integer.parseInt(args[1]));
                sleepSeconds(Integer.parseInt(args[2]));
                c.print("control");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** N tasks each yielding Y times; best of 3 runs (the first includes JIT warm-up). */
    static void switchThroughput(int tasks, int yields) {
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            EventLoop loop = EventLoop.create();
            long t0 = System.nanoTime();
            loop.run(() -> {
                List<Task<Void>> all = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    all.add(loop.spawn("t" + i, () -> {
                        for (int k = 0; k < yields; k++) {
                            Async.yieldNow();
                        }
                    }));
                }
                Async.gather(all);
                return null;
            });
            double rate = (double) tasks * yields / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
        }
        System.out.printf("RESULT switch_rate %.0f switches/s%n", best);
    }

    /** 100 callback chains, each re-scheduling itself with callSoon, C callbacks in total. */
    static void callbackThroughput(int total) {
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            EventLoop loop = EventLoop.create();
            int[] left = {total};
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                if (--left[0] > 0) {
                    loop.callSoon(step[0]);
                }
            };
            for (int i = 0; i < 100; i++) {
                loop.callSoon(step[0]);
            }
            long t0 = System.nanoTime();
            loop.runUntilIdle();
            double rate = total / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
            loop.close();
        }
        System.out.printf("RESULT callback_rate %.0f callbacks/s%n", best);
    }

    static void sleepSeconds(int s) {
        try {
            Thread.sleep(Duration.ofSeconds(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Control measurement: a plain platform thread sleeping to absolute deadlines every P ms
     * with {@code LockSupport.parkNanos}, no picoloop involved. Run beside a workload (same
     * JVM) its lateness shows what the machine and the JVM (GC, safepoints) cost on their own.
     */
    static final class Control {
        final LatencyHistogram h = new LatencyHistogram();
        final Thread thread;
        volatile boolean stop;

        private Control(long periodNanos) {
            thread = Thread.ofPlatform().daemon().name("control").unstarted(() -> {
                long deadline = System.nanoTime() + periodNanos;
                while (!stop) {
                    long now;
                    while ((now = System.nanoTime()) < deadline) {
                        java.util.concurrent.locks.LockSupport.parkNanos(deadline - now);
                    }
                    h.record(now - deadline);
                    deadline += periodNanos;
                }
            });
        }

        static Control start(long periodMs) {
            Control c = new Control(Duration.ofMillis(periodMs).toNanos());
            c.thread.start();
            return c;
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void print(String prefix) {
            stop = true;
            join();
            System.out.printf("RESULT %s_p50 %.1f us%n", prefix, h.percentile(50) / 1e3);
            System.out.printf("RESULT %s_p99 %.1f us%n", prefix, h.percentile(99) / 1e3);
            System.out.printf("RESULT %s_max %.1f us%n", prefix, h.max() / 1e3);
        }
    }

    /** A real-clock loop; -Dbench.spinUs=N spins the last N us before each deadline. */
    static EventLoop newLoop() {
        EventLoop loop = EventLoop.create();
        loop.setSpinBeforeDeadline(Duration.ofNanos(Long.getLong("bench.spinUs", 0) * 1000));
        return loop;
    }

    /** CPU time of this process so far, in ms. */
    static double cpuMs() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e6;
    }

    /** N periodic tasks at P ms for S seconds, phases spread evenly over the period. */
    /** -Dbench.warm=true: measure a second round in the same JVM, after a discarded first one. */
    static final boolean WARM = Boolean.getBoolean("bench.warm");

    static void scaleRounds(int tasks, boolean burst) {
        if (WARM) {
            scale(tasks, burst, true);
        }
        scale(tasks, burst, false);
    }

    static void lateness(int tasks, int periodMs, int seconds, boolean discard) {
        EventLoop loop = newLoop();
        LatencyHistogram h = new LatencyHistogram();
        long period = Duration.ofMillis(periodMs).toNanos();
        long start = loop.nowNanos() + Duration.ofMillis(200).toNanos();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Control control = Control.start(periodMs);
        double cpu0 = cpuMs();
        loop.run(() -> {
            List<Task<Void>> all = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                long phase = start + period * i / tasks;
                all.add(loop.spawn("p" + i, () -> {
                    for (long deadline = phase; deadline < end; deadline += period) {
                        Async.sleepUntil(deadline);
                        h.record(loop.nowNanos() - deadline);
                    }
                }));
            }
            Async.gather(all);
            return null;
        });
        if (discard) {
            control.stop = true;
            control.join();
            return;
        }
        System.out.printf("RESULT lateness_p50 %.1f us%n", h.percentile(50) / 1e3);
        System.out.printf("RESULT lateness_p99 %.1f us%n", h.percentile(99) / 1e3);
        System.out.printf("RESULT lateness_max %.1f us%n", h.max() / 1e3);
        System.out.printf("RESULT lateness_samples %d n%n", h.count());
        System.out.printf("RESULT lateness_cpu %.0f %%%n", (cpuMs() - cpu0) / 10.0 / (seconds + 0.2));
        control.print("lateness_control");
    }

    /**
     * N tasks all asleep at once (run with -Xmx256m), one sleep each; a task's lateness is the
     * loop clock when it runs again minus its own deadline. "spread" (wake on time): deadlines
     * evenly over 0.5 s starting 4 s after the start, one every 5 us at N = 100,000. "burst":
     * all N deadlines at one instant 4 s after the start, so the last one is late by N x the
     * cost of one wake; reported as per-wake cost = (last wake - first wake) / N.
     * asyncio_bench.py scale / scale-burst do exactly the same.
     */
    static void scale(int tasks, boolean burst, boolean discard) {
        EventLoop loop = newLoop();
        LatencyHistogram h = new LatencyHistogram();
        long[] asleepAt = {0};
        long t0 = loop.nowNanos();
        long wake = t0 + Duration.ofSeconds(4).toNanos();
        long spread = burst ? 0 : Duration.ofMillis(500).toNanos();
        long[] first = {Long.MAX_VALUE};
        long[] last = {0};
        long[] live = {0};
        loop.run(() -> {
            List<Task<Void>> all = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                long deadline = wake + spread * i / tasks;
                all.add(loop.spawn("s" + i, () -> {
                    Async.sleepUntil(deadline);
                    long now = loop.nowNanos();
                    h.record(now - deadline);
                    first[0] = Math.min(first[0], now);
                    last[0] = now;
                }));
            }
            Async.yieldNow();           // every task has now run up to its sleep
            asleepAt[0] = loop.nowNanos();
            System.gc();                // what 100,000 sleeping tasks really hold (the wake is seconds away)
            MemoryUsage u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            live[0] = u.getUsed();
            Async.gather(all);
            return null;
        });
        if (discard) {
            return;
        }
        String p = burst ? "scale_burst" : "scale";
        System.out.printf("RESULT %s_tasks %d tasks%n", p, h.count());
        System.out.printf("RESULT %s_all_asleep_after %.0f ms%n", p, (asleepAt[0] - t0) / 1e6);
        System.out.printf("RESULT %s_heap_live_asleep %.1f MB%n", p, live[0] / 1e6);
        System.out.printf("RESULT %s_heap_max %.1f MB%n", p, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("RESULT %s_wake_p50 %.1f us%n", p, h.percentile(50) / 1e3);
        System.out.printf("RESULT %s_wake_p99 %.1f us%n", p, h.percentile(99) / 1e3);
        System.out.printf("RESULT %s_wake_max %.1f us%n", p, h.max() / 1e3);
        System.out.printf("RESULT %s_per_wake %.2f us%n", p, (last[0] - first[0]) / 1e3 / tasks);
    }

    /**
     * A 10 ms Ticker task and a 10 ms every() callback for N periods of the grid: distance of
     * the last run from the ideal end (start + N * period). Both skip ticks they were too late
     * for (by design, never a burst); skipped ticks still count as periods of the grid, so the
     * end error measures drift, and the skips are reported on their own line.
     */
    static void drift(int periods) {
        EventLoop loop = newLoop();
        loop.setReporter(new io.picoloop.loop.LoopReporter() {
            public void blocked(String s, Duration d) { }
            public void stillBlocked(String s, Duration d) { }
            public void overrun(String s, long missed) { }
        });
        Duration p = Duration.ofMillis(10);
        long[] callbackEnd = {0};
        long[] ticks = {0};
        long[] ideal = {0};
        long[] taskSkipped = {0};
        long[] callbackSkipped = {0};
        long[] lastGrid = {0};
        LatencyHistogram late = new LatencyHistogram();
        Control control = Control.start(10);
        double cpu0 = cpuMs();
        long[] callbackIdeal = {0};
        long taskEnd = loop.<Long>run(() -> {
            // Each ideal end is taken from its own grid start, right at the call that starts
            // the grid: the first lambda's bootstrap in a fresh JVM alone takes ~20 ms, which
            // an earlier version of this benchmark counted as drift.
            Timer[] timer = new Timer[1];
            Runnable onTick = () -> {
                if (++ticks[0] + timer[0].overruns() >= periods) {
                    callbackEnd[0] = loop.nowNanos();
                    callbackSkipped[0] = timer[0].overruns();
                    timer[0].cancel();
                }
            };
            callbackIdeal[0] = loop.nowNanos() + p.toNanos() * periods;
            timer[0] = loop.every(p, onTick);
            Ticker tick = new Ticker(p);
            ideal[0] = tick.deadlineNanos() + p.toNanos() * periods;
            for (long i = 0; i < periods; ) {
                long missed = tick.await();
                late.record(loop.nowNanos() - tick.deadlineNanos());
                i += 1 + missed;
                taskSkipped[0] += missed;
            }
            long end = loop.nowNanos();
            lastGrid[0] = tick.deadlineNanos();
            Async.sleepMs(50);          // let the callback finish its last period too
            return end;
        });
        double seconds = periods * p.toNanos() / 1e9;
        System.out.printf("RESULT drift_task %.3f ms%n", (taskEnd - ideal[0]) / 1e6);
        System.out.printf("RESULT drift_callback %.3f ms%n", (callbackEnd[0] - callbackIdeal[0]) / 1e6);
        System.out.printf("RESULT drift_task_grid_end_vs_ideal %.3f ms%n", (lastGrid[0] - ideal[0]) / 1e6);
        System.out.printf("RESULT drift_task_last_tick_late %.3f ms%n", (taskEnd - lastGrid[0]) / 1e6);
        System.out.printf("RESULT drift_task_tick_late_p50 %.1f us%n", late.percentile(50) / 1e3);
        System.out.printf("RESULT drift_task_tick_late_p99 %.1f us%n", late.percentile(99) / 1e3);
        System.out.printf("RESULT drift_task_tick_late_max %.1f us%n", late.max() / 1e3);
        System.out.printf("RESULT drift_skipped_ticks_task %d n%n", taskSkipped[0]);
        System.out.printf("RESULT drift_skipped_ticks_callback %d n%n", callbackSkipped[0]);
        System.out.printf("RESULT drift_cpu %.2f %%%n", (cpuMs() - cpu0) / 10.0 / seconds);
        control.print("drift_control");
    }
}
