package io.picoloop.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The await points, as static calls that read like MicroPython asyncio:
 * {@code while (true) { led.toggle(); Async.sleepMs(150); }}. Each is valid only inside a
 * task; each may throw {@link CancelledException} if the task was cancelled.
 */
public final class Async {
    private Async() {
    }

    /** True when called by a task that holds its loop's run permit. */
    public static boolean inTask() {
        return RunningLoops.currentTask(Thread.currentThread()) != null;
    }

    public static Task<?> currentTask() {
        return requireTask("Async.currentTask");
    }

    public static EventLoop currentLoop() {
        return requireTask("Async.currentLoop").loop;
    }

    /** Lets the other ready tasks and callbacks run, then continues (asyncio's {@code sleep(0)}). */
    public static void yieldNow() {
        Task<?> self = requireTask("Async.yieldNow");
        self.loop.yieldNow(self);
    }

    /** Suspends this task for {@code d}; zero just yields. */
    public static void sleep(Duration d) {
        Task<?> self = requireTask("Async.sleep");
        long n = EventLoop.checkedNanos(d, "sleep duration");
        if (n == 0) {
            self.loop.yieldNow(self);
        } else {
            self.loop.sleepUntil(self, self.loop.nowNanos() + n);
        }
    }

    public static void sleepMs(long ms) {
        if (ms < 0) {
            requireTask("Async.sleepMs");
            throw new IllegalArgumentException("sleep duration must not be negative: " + ms + " ms");
        }
        sleep(Duration.ofMillis(ms));
    }

    /** Suspends until the loop clock reads {@code deadlineNanos} (an absolute deadline). */
    public static void sleepUntil(long deadlineNanos) {
        Task<?> self = requireTask("Async.sleepUntil");
        self.loop.sleepUntil(self, deadlineNanos);
    }

    /**
     * Starts a task on this task's loop (asyncio's {@code create_task}); it first runs at this
     * task's next await point. Named "task N" in reports; {@link EventLoop#spawn(String, TaskRunnable)} names it.
     */
    public static Task<Void> spawn(TaskRunnable body) {
        return requireTask("Async.spawn").loop.spawn(body);
    }

    /**
     * Starts a task that runs {@code body} now and then every {@code period} on absolute
     * deadlines (start + k * period, a {@link Ticker}): an awaited write such as {@code led::toggle}
     * takes its round trip out of the wait, not on top of it, so the rate is exact while the
     * body is shorter than the period. A body that overruns skips the missed ticks (reported),
     * never runs them in a burst. Cancel the task to stop it; it ends with the loop.
     */
    public static Task<Void> repeat(Duration period, TaskRunnable body) {
        java.util.Objects.requireNonNull(body, "body");
        if (EventLoop.checkedNanos(period, "period") == 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return requireTask("Async.repeat").loop.spawn(() -> {
            Ticker tick = new Ticker(period);
            while (true) {
                body.run();
                tick.await();
            }
        });
    }

    /**
     * Parks this task until {@code stage} completes, on any thread, then returns its value or
     * throws its failure (checked ones wrapped in {@link TaskFailedException}).
     */
    public static <T> T await(CompletionStage<T> stage) {
        Task<?> self = requireTask("Async.await");
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (!f.isDone()) {
            EventLoop loop = self.loop;
            Runnable wake = loop.wakerForNextPark(self);
            f.whenComplete((v, e) -> loop.post(wake));
            loop.externalWaits++;
            try {
                loop.park(self, () -> { });
            } finally {
                loop.externalWaits--;
            }
        } else {
            self.loop.deliverCancel(self);
        }
        try {
            return f.get();
        } catch (ExecutionException | CompletionException e) {
            throw Task.rethrow("awaited stage failed", e.getCause());
        } catch (InterruptedException e) {
            throw new IllegalStateException("a completed stage cannot interrupt", e);
        }
    }

    /**
     * Runs {@code body} in this task with a time limit. On expiry the body is cancelled at its
     * await point, its finally blocks run, and {@link TaskTimeoutException} is thrown.
     */
    public static <T> T waitFor(Duration timeout, TaskBody<T> body) throws Exception {
        Task<?> self = requireTask("Async.waitFor");
        EventLoop loop = self.loop;
        long n = EventLoop.checkedNanos(timeout, "timeout");
        Object scope = new Object();
        Timer timer = new Timer(loop, "waitFor", loop.nowNanos() + n, 0,
                () -> loop.requestCancel(self, scope), null);
        loop.addTimer(timer);
        try {
            return body.call();
        } catch (CancelledException e) {
            if (e.reason == scope) {
                throw new TaskTimeoutException("task '" + self.name() + "' timed out after "
                        + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            timer.cancel();
            loop.clearInterrupt(self, scope);
        }
    }

    /**
     * Waits for all tasks and returns their results in order. If one fails, the others are
     * cancelled, their cleanup awaited, and the first failure is thrown. If this task is
     * cancelled, so are the tasks.
     */
    @SafeVarargs
    public static <T> List<T> gather(Task<? extends T>... tasks) {
        return gather(Arrays.asList(tasks));
    }

    public static <T> List<T> gather(List<? extends Task<? extends T>> tasks) {
        Task<?> self = requireTask("Async.gather");
        EventLoop loop = self.loop;
        // One done-callback per task (not per wake-up): gathering n tasks costs O(n).
        int[] remaining = {0};
        Task<?>[] failed = {null};
        Runnable[] waker = {null};
        for (Task<? extends T> t : tasks) {
            if (!t.isDone()) {
                remaining[0]++;
                t.addDoneCallback(() -> {
                    remaining[0]--;
                    if (failed[0] == null && t.state() != Task.State.DONE) {
                        failed[0] = t;
                    }
                    if ((remaining[0] == 0 || failed[0] != null) && waker[0] != null) {
                        waker[0].run();
                    }
                });
            } else if (failed[0] == null && t.state() != Task.State.DONE) {
                failed[0] = t;
            }
        }
        try {
            while (remaining[0] > 0 && failed[0] == null) {
                waker[0] = loop.wakerForNextPark(self);
                loop.park(self, () -> { });
            }
        } catch (CancelledException e) {
            cancelAndWait(self, tasks);
            throw e;
        }
        if (failed[0] != null) {
            cancelAndWait(self, tasks);
            failed[0].result();     // throws its failure
        }
        List<T> out = new ArrayList<>(tasks.size());
        for (Task<? extends T> t : tasks) {
            out.add(t.result());
        }
        return out;
    }

    /** Spawns each body as a child task named {@code <this task>/<i>} and gathers them. */
    @SafeVarargs
    public static <T> List<T> gather(TaskBody<? extends T>... bodies) {
        return gather(spawnChildren("Async.gather", bodies));
    }

    /**
     * Returns the result of whichever task finishes first (or throws its failure); the others
     * are cancelled and their cleanup awaited before this returns.
     */
    @SafeVarargs
    public static <T> T firstOf(Task<? extends T>... tasks) {
        return firstOf(Arrays.asList(tasks));
    }

    public static <T> T firstOf(List<? extends Task<? extends T>> tasks) {
        Task<?> self = requireTask("Async.firstOf");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("firstOf needs at least one task");
        }
        Task<? extends T> winner = null;
        List<Task<? extends T>> order = new ArrayList<>();
        for (Task<? extends T> t : tasks) {
            t.addDoneCallback(() -> order.add(t));
        }
        try {
            while (winner == null) {
                for (Task<? extends T> t : tasks) {
                    if (t.isDone() && winner == null) {
                        winner = t;       // already finished before we started watching
                    }
                }
                if (winner == null && !order.isEmpty()) {
                    winner = order.get(0);
                }
                if (winner == null) {
                    self.loop.awaitAny(self, tasks);
                }
            }
        } finally {
            cancelAndWait(self, tasks);
        }
        return winner.result();
    }

    @SafeVarargs
    public static <T> T firstOf(TaskBody<? extends T>... bodies) {
        return firstOf(spawnChildren("Async.firstOf", bodies));
    }

    private static <T> List<Task<? extends T>> spawnChildren(String what, TaskBody<? extends T>[] bodies) {
        Task<?> self = requireTask(what);
        List<Task<? extends T>> children = new ArrayList<>(bodies.length);
        for (int i = 0; i < bodies.length; i++) {
            children.add(self.loop.spawn(self.name() + "/" + i, bodies[i]));
        }
        return children;
    }

    /** Cancels the unfinished tasks and waits, uninterruptibly by cancellation, for their cleanup. */
    private static void cancelAndWait(Task<?> self, List<? extends Task<?>> tasks) {
        Object pending = null;
        for (Task<?> t : tasks) {
            t.cancel();
        }
        for (Task<?> t : tasks) {
            while (!t.isDone()) {
                try {
                    self.loop.awaitAny(self, List.of(t));
                } catch (CancelledException e) {
                    pending = e.reason;       // re-deliver after the cleanup has been awaited
                }
            }
        }
        if (pending != null) {
            self.cancelReason = pending;
        }
    }

    static Task<?> requireTask(String what) {
        Task<?> t = RunningLoops.currentTask(Thread.currentThread());
        if (t == null) {
            throw new IllegalStateException(what + " called outside a picoloop task; use loop.spawn(...)");
        }
        return t;
    }
}
