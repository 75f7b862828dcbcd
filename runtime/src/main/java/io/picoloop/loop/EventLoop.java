package io.picoloop.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * A cooperative scheduler in the style of MicroPython's asyncio.
 *
 * <p>There is one run permit. Whoever holds it (the thread that called {@link #run}, a
 * task's virtual thread, or a callback running on either) may touch the loop; everyone else
 * is parked. A task passes the permit on only at an await point: it picks the next ready
 * item itself, runs ready callbacks inline, unparks the next task and parks. The loop thread
 * ("driver") takes the permit back only to sleep until the next timer or post, or to stop.
 *
 * <p>Ready items run in FIFO order; timers fire in (deadline, sequence) order. Like asyncio,
 * due timers and posts are collected once per pass over the ready queue.
 *
 * <p>The code is in three layers of one object: this class is the public API (scheduling,
 * configuration, run/close); {@link LoopDriver} is the driver thread (idle sleep or clock
 * jump, deadlock detection) and shutdown; {@link LoopCore} is the state and the permit
 * hand-off with the await points.
 */
public final class EventLoop extends LoopDriver implements AutoCloseable {
    private int unnamedTasks;     // loop thread only

    private EventLoop(LoopClock clock) {
        super(clock);
    }

    /** A loop on the real monotonic clock. */
    public static EventLoop create() {
        return new EventLoop(RealClock.INSTANCE);
    }

    /** A loop on the given clock, e.g. a {@link VirtualClock} in tests. */
    public static EventLoop create(LoopClock clock) {
        return new EventLoop(Objects.requireNonNull(clock, "clock"));
    }

    public LoopClock clock() {
        return clock;
    }

    public long nowNanos() {
        return clock.nanoTime();
    }

    // ---------------------------------------------------------------- scheduling API

    /** Starts a straight-line task; it first runs when the loop reaches it in FIFO order. */
    public <T> Task<T> spawn(String name, TaskBody<T> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        checkCanSchedule("spawn");
        return enqueue(new Task<>(this, name, body));
    }

    public Task<Void> spawn(String name, TaskRunnable body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        checkCanSchedule("spawn");
        return enqueue(new Task<>(this, name, body));
    }

    /** {@link #spawn(String, TaskBody)} with a generated name ("task 2"), as reports and stats show it. */
    public <T> Task<T> spawn(TaskBody<T> body) {
        return spawn(nextTaskName(), body);
    }

    /** {@link #spawn(String, TaskRunnable)} with a generated name ("task 2"). */
    public Task<Void> spawn(TaskRunnable body) {
        return spawn(nextTaskName(), body);
    }

    private String nextTaskName() {
        return "task " + (++unnamedTasks);
    }

    private <T> Task<T> enqueue(Task<T> t) {
        live.add(t);
        ready.addLast(t);
        return t;
    }

    /** Runs {@code fn} on the loop once, after {@code delay} (Arduino-style {@code run_later}). */
    public Timer runLater(Duration delay, Runnable fn) {
        return runLater("runLater", delay, fn);
    }

    public Timer runLater(String name, Duration delay, Runnable fn) {
        long d = checkedNanos(delay, "delay");
        Objects.requireNonNull(fn, "fn");
        checkCanSchedule("runLater");
        Timer t = new Timer(this, name, clock.nanoTime() + d, 0, fn, null);
        timers.add(t);
        return t;
    }

    /**
     * Runs {@code fn} every {@code period} on absolute deadlines (start + k * period), so it
     * never drifts. If a run ends after its next deadline the missed ticks are skipped (not
     * fired in a burst) and reported as an overrun.
     */
    public Timer every(Duration period, Runnable fn) {
        return every("every", period, fn);
    }

    public Timer every(String name, Duration period, Runnable fn) {
        long p = checkedNanos(period, "period");
        if (p == 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        Objects.requireNonNull(fn, "fn");
        checkCanSchedule("every");
        Timer t = new Timer(this, name, clock.nanoTime() + p, p, fn, null);
        timers.add(t);
        return t;
    }

    /** Loop thread only: runs {@code fn} after the items already ready (asyncio's call_soon). */
    public void callSoon(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        checkCanSchedule("callSoon");
        ready.addLast(fn);
    }

    /** Thread-safe: runs {@code fn} on the loop soon, waking the loop if it is idle. */
    public void post(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        if (closed) {
            throw new IllegalStateException("post on a closed loop");
        }
        inbox.post(fn);
    }

    /** Closes {@code resource} when the loop closes, after all tasks' cleanup (LIFO order). */
    public void onClose(AutoCloseable resource) {
        checkCanSchedule("onClose");
        closeHooks.push(Objects.requireNonNull(resource, "resource"));
    }

    public void setExceptionHandler(LoopExceptionHandler handler) {
        exceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    public void setReporter(LoopReporter reporter) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** Report any task or callback that holds the loop this long without an await (default 100 ms). */
    public void setBlockingThreshold(Duration threshold) {
        blockThresholdNanos = checkedNanos(threshold, "threshold");
    }

    /**
     * Spend the last {@code window} before each timer deadline spinning instead of parked
     * (real clock only; default 0). A timed park wakes tens of microseconds late; a spin
     * wakes on time but burns that much CPU per wake-up: 100 us before each of 100 wake-ups a
     * second is 1 % of a core. A wait shorter than the window is spun by the task that finds
     * nothing ready, without handing the permit to the driver; so with timers closer together
     * than the window (e.g. 1,000 tasks at 10 ms) the loop spins a whole core.
     */
    public void setSpinBeforeDeadline(Duration window) {
        spinNanos = checkedNanos(window, "spin window");
    }

    /**
     * How long {@link #close()} waits for cancelled tasks to finish (default 2 s, loop time,
     * and at most as long in real time). Tasks still running then are reported by name
     * ({@link LoopReporter#ignoredCancel}) and left behind; the close hooks still run.
     */
    public void setCloseGrace(Duration grace) {
        closeGrace = Objects.requireNonNull(grace, "grace");
        checkedNanos(grace, "close grace");
    }

    public Duration blockingThreshold() {
        return Duration.ofNanos(blockThresholdNanos);
    }

    LoopReporter reporter() {
        return reporter;
    }

    /** Per-task run time and switches, timer lateness. Call on the loop or when it is stopped. */
    public LoopStats stats() {
        return stats.snapshot(live.list(), carrier.mode == Carrier.Mode.LOOP);
    }

    // ---------------------------------------------------------------- running

    /**
     * Like {@code asyncio.run}: runs the loop on this thread until {@code main} finishes,
     * then closes the loop (cancelling the remaining tasks, running their finally blocks and
     * the close hooks). Returns main's value or throws its exception.
     */
    public <T> T run(TaskBody<T> main) {
        Task<T> m = spawn("main", main);
        m.awaitedByDriver = true;
        try {
            drive(m::isDone, NEVER);
        } finally {
            close();
        }
        return m.resultNow();
    }

    /** {@link #run(TaskBody)} for a main task without a result: no {@code return null} needed. */
    public void run(TaskRunnable main) {
        Objects.requireNonNull(main, "main");
        run(() -> {
            main.run();
            return null;
        });
    }

    /** Runs the loop until {@code task} finishes; returns its result. The loop stays open. */
    public <T> T runUntilComplete(Task<T> task) {
        task.awaitedByDriver = true;
        drive(task::isDone, NEVER);
        return task.resultNow();
    }

    /** Runs the loop for {@code d} of loop time (instant on a virtual clock). The loop stays open. */
    public void runFor(Duration d) {
        long n = checkedNanos(d, "duration");
        drive(() -> false, clock.nanoTime() + n);
    }

    /** Runs until nothing is ready and no timer is due now. The loop stays open. */
    public void runUntilIdle() {
        drive(() -> false, NEVER, true);
    }

    /** Thread-safe: asks a running loop to stop; {@link #run} then cancels tasks and closes. */
    public void requestStop() {
        stopRequested = true;
        inbox.post(() -> driverWanted = true);
    }

    /**
     * Cancels all tasks in spawn order, runs the loop until their cleanup is done, then runs
     * the close hooks. Called from a task or callback, it only requests the stop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (driver != null) {
            requestStop();      // from a task, callback or other thread: the driver will close
            return;
        }
        shutdown();
    }

    public boolean isClosed() {
        return closed;
    }
}
