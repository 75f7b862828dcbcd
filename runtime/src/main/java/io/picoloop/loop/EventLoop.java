package io.picoloop.loop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

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
 */
public final class EventLoop implements AutoCloseable {
    static final long NEVER = Long.MAX_VALUE;
    private static final long NO_MARK = Long.MIN_VALUE;

    private final LoopClock clock;
    private final ArrayDeque<Object> ready = new ArrayDeque<>();   // Task, Timer or Runnable
    private final TimerQueue timers = new TimerQueue();
    private final Inbox inbox = new Inbox();
    private final LiveTasks live = new LiveTasks();                 // unfinished, spawn order
    private final ArrayDeque<AutoCloseable> closeHooks = new ArrayDeque<>();
    final LoopStats stats = new LoopStats();

    private LoopExceptionHandler exceptionHandler = LoopExceptionHandler.STDERR;
    private LoopReporter reporter = LoopReporter.STDERR;
    private long blockThresholdNanos = Duration.ofMillis(100).toNanos();
    private Duration stallGrace = Duration.ofSeconds(1);
    private Duration closeGrace = Duration.ofSeconds(2);
    private long spinNanos;
    private long realEnd = NEVER;    // System.nanoTime() bound of the current drive (close's grace)

    Task<?> current;                 // task holding the permit; null for callbacks and the driver
    Thread holder;                   // thread holding the permit: the driver or a task's (callbacks run on either)
    int externalWaits;               // tasks waiting on another thread (virtual clock must not jump)
    private int batchLeft;           // items left in this pass over the ready queue
    private boolean driverWanted;    // hand the permit to the driver at the next switch
    private long driverEnd = NEVER;
    volatile Thread driver;
    private volatile boolean driverGo;
    private volatile boolean stopRequested;
    private boolean closed;
    private boolean closing;

    // What holds the permit now, for stats and the blocking watchdog.
    private long runStart;
    private long stallMark;                   // watchdog's stall total when the current holder started
    private volatile BlockingWatchdog watchdog;   // real clock, while driven
    volatile Object running;         // Task, Timer or POSTED; null when the driver holds the permit
    volatile long runningSinceReal;
    static final String POSTED = "posted callback";

    long stallMarkForWatchdog() {
        return stallMark;
    }

    private EventLoop(LoopClock clock) {
        this.clock = clock;
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
     * second is 1 % of a core.
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

    Duration blockingThreshold() {
        return Duration.ofNanos(blockThresholdNanos);
    }

    LoopReporter reporter() {
        return reporter;
    }

    /** Per-task run time and switches, timer lateness. Call on the loop or when it is stopped. */
    public LoopStats stats() {
        return stats.snapshot(live.list());
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
     * Installs a JVM shutdown hook so Ctrl-C cancels the tasks in spawn order, runs their
     * cleanup (LEDs off), then the close hooks (devices), waiting up to {@code grace}.
     */
    public void closeOnCtrlC(Duration grace) {
        Thread hook = Thread.ofPlatform().name("picoloop-ctrl-c").unstarted(() -> {
            Thread d = driver;
            if (d == null || closed) {
                return;
            }
            requestStop();
            try {
                d.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
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
        closing = true;
        try {
            for (Task<?> t : live.list()) {
                requestCancel(t, CancelledException.BY_CANCEL);
            }
            stopRequested = false;
            long grace = closeGrace.toNanos();
            realEnd = System.nanoTime() + grace;
            try {
                drive(live::isEmpty, clock.nanoTime() + grace);
            } finally {
                realEnd = NEVER;
            }
            for (Task<?> t : live.list()) {
                reporter.ignoredCancel(t.label(), closeGrace);
            }
        } finally {
            closed = true;
            runCloseHooks();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void runCloseHooks() {
        while (!closeHooks.isEmpty()) {
            AutoCloseable c = closeHooks.pop();
            try {
                c.close();
            } catch (Exception e) {
                exceptionHandler.uncaught("close hook " + c, e);
            }
        }
    }

    private void drive(BooleanSupplier finished, long end) {
        drive(finished, end, false);
    }

    private void drive(BooleanSupplier finished, long end, boolean untilIdle) {
        if (driver != null) {
            throw new IllegalStateException("the loop is already running on thread " + driver.getName());
        }
        Thread me = Thread.currentThread();
        if (RunningLoops.taskThreadLoop(me) != null) {
            throw new IllegalStateException("run called from inside a task; use spawn and await instead");
        }
        driver = me;
        holder = me;
        RunningLoops.register(this);
        driverEnd = end;
        BlockingWatchdog dog = BlockingWatchdog.startFor(this);
        watchdog = dog;
        running = null;
        try {
            while (!finished.getAsBoolean() && !stopRequested) {
                driverWanted = false;
                if (!(clock instanceof VirtualClock) && clock.nanoTime() >= end
                        || realEnd != NEVER && System.nanoTime() >= realEnd) {
                    break;
                }
                Task<?> next = nextTask();
                if (next != null) {
                    resume(next);
                    while (!driverGo) {
                        LockSupport.park(this);
                    }
                    driverGo = false;
                } else if (ready.isEmpty() && !driverWanted && (untilIdle || idle(end))) {
                    break;
                }
            }
        } finally {
            watchdog = null;
            if (dog != null) {
                dog.stop();
            }
            driverEnd = NEVER;
            holder = null;
            driver = null;
            RunningLoops.unregister(this);
        }
        if (stopRequested && !closing) {
            stopRequested = false;
            close();
        }
    }

    /** Nothing is ready: sleep (real clock) or jump (virtual) to the next deadline. True at {@code end}. */
    private boolean idle(long end) {
        long deadline = timers.nextDeadline();
        long target = Math.min(deadline, end);
        running = null;
        if (clock instanceof VirtualClock vc) {
            if (!inbox.isEmpty()) {
                return false;
            }
            if (externalWaits > 0) {
                inbox.sleep(-1);
                return false;
            }
            if (target != NEVER) {
                vc.jumpTo(target);
                return deadline > end;
            }
            inbox.sleep(stallGrace.toNanos());
            if (inbox.isEmpty()) {
                throw new IllegalStateException("deadlock: tasks " + live.list()
                        + " are all waiting and nothing can wake them (no timers, no external completion pending)");
            }
            return false;
        }
        long now = clock.nanoTime();
        if (target <= now) {
            return deadline > end;
        }
        inbox.sleep(target == NEVER ? -1 : target - now, spinNanos);
        return deadline > end && clock.nanoTime() >= end;
    }

    // ---------------------------------------------------------------- the switch

    /**
     * Runs ready callbacks inline and returns the next task to resume, or null when the
     * driver must take over (nothing ready, or it was asked for). Caller holds the permit.
     */
    private Task<?> nextTask() {
        long mark = NO_MARK;     // end time of the previous callback: the next one's start
        for (;;) {
            if (driverWanted) {
                return null;
            }
            if (batchLeft == 0) {
                collect();
                batchLeft = ready.size();
                if (batchLeft == 0 || driverWanted) {
                    return null;
                }
            }
            Object item = ready.pollFirst();
            batchLeft--;
            if (item instanceof Task<?> t) {
                if (!t.isDone()) {
                    return t;
                }
            } else {
                mark = runCallback(item, mark);
            }
        }
    }

    /** Start of a pass: take posts from other threads and fire due timers, in deadline order. */
    private void collect() {
        inbox.drainTo(ready);
        long now = clock.nanoTime();
        if (now >= driverEnd && !(clock instanceof VirtualClock)
                || realEnd != NEVER && System.nanoTime() >= realEnd) {
            driverWanted = true;
        }
        Timer t;
        while ((t = timers.pollDue(now)) != null) {
            if (t.task != null) {
                wake(t.task);
            } else {
                ready.addLast(t);
            }
        }
    }

    /** Runs one ready callback; returns the clock after it (one clock read per callback). */
    private long runCallback(Object item, long mark) {
        Object what;
        Runnable fn;
        Timer timer = null;
        if (item instanceof Timer t) {
            if (t.cancelled) {
                return mark;
            }
            timer = t;
            what = t;
            fn = t.fn;
        } else {
            what = POSTED;
            fn = (Runnable) item;
        }
        current = null;
        long start = mark == NO_MARK ? clock.nanoTime() : mark;
        if (timer != null) {
            stats.recordLateness(start - timer.deadline);
        }
        markRunning(what, start);
        try {
            fn.run();
        } catch (Throwable e) {
            exceptionHandler.uncaught(describe(what), e);
        }
        long end = clock.nanoTime();
        checkHeld(what, end - start);
        stats.callbackRun(end - start);
        if (timer != null && timer.period > 0 && !timer.cancelled && timer.heapIndex < 0) {
            long missed = timer.advance(end);
            if (missed > 0) {
                reporter.overrun(timer.label(), missed);
            }
            timers.add(timer);
        }
        return end;
    }

    /** "task 'x'", "callback 'y'" or "posted callback", for reports. */
    static String describe(Object what) {
        if (what instanceof Task<?> t) {
            return t.label();
        }
        if (what instanceof Timer t) {
            return t.label();
        }
        return String.valueOf(what);
    }

    private void resume(Task<?> t) {
        current = t;
        t.resume();
    }

    /**
     * On the task's own thread, once it really runs again: its run time (and what the
     * watchdog may blame) starts here, not when the previous holder unparked it, so time the
     * OS took to schedule the thread is not counted as the task holding the loop.
     */
    void resumed(Task<?> self) {
        long now = clock.nanoTime();
        runStart = now;
        markRunning(self, now);
    }

    /** The current task stops running: account its run time, report if it blocked the loop. */
    private void stopRunning(Task<?> self) {
        long held = clock.nanoTime() - runStart;
        self.runNanos += held;
        self.switches++;
        current = null;
        checkHeld(self, held);
    }

    private void checkHeld(Object what, long heldNanos) {
        if (heldNanos >= blockThresholdNanos) {
            // Minus the time the watchdog saw the whole process stalled (OS, GC): that is the
            // machine not running us, not this task or callback holding the loop.
            BlockingWatchdog w = watchdog;
            long stalled = w == null ? 0 : w.stalledNanos() - stallMark;
            if (heldNanos - stalled >= blockThresholdNanos) {
                reporter.blocked(describe(what), Duration.ofNanos(heldNanos));
            }
        }
    }

    private void markRunning(Object what, long loopNow) {
        BlockingWatchdog w = watchdog;
        if (w != null) {
            stallMark = w.stalledNanos();
            runningSinceReal = loopNow;
            running = what;
        }
    }

    /** Gives the permit away from task {@code self} (already queued or waiting) and parks. */
    private void switchAway(Task<?> self) {
        stopRunning(self);
        Task<?> next = nextTask();
        if (next == self) {
            resumeSelf(self);
            return;
        }
        handTo(next);
        while (!self.go) {
            LockSupport.park(self);
        }
        self.go = false;
        resumed(self);
    }

    private void resumeSelf(Task<?> self) {
        current = self;
        resumed(self);
    }

    private void handTo(Task<?> next) {
        running = null;         // until the next holder really runs, nobody is to blame
        if (next != null) {
            resume(next);
        } else {
            current = null;
            holder = driver;
            driverGo = true;
            LockSupport.unpark(driver);
        }
    }

    /** Last act of a finished task's thread: pass the permit on without parking. */
    void exitTask(Task<?> self) {
        stopRunning(self);
        stats.taskFinished(self);       // its counters outlive it, by name (blink --stats)
        handTo(nextTask());
    }

    // ---------------------------------------------------------------- await points

    void yieldNow(Task<?> self) {
        deliverCancel(self);
        ready.addLast(self);
        switchAway(self);
        deliverCancel(self);
    }

    /**
     * Suspends {@code self} until {@link #wake}; {@code onCancel} undoes the caller's wait
     * registration if the task is cancelled instead (or is already cancelled now).
     */
    void park(Task<?> self, Runnable onCancel) {
        if (self.cancelReason != null) {
            onCancel.run();
            deliverCancel(self);
        }
        self.waitEpoch++;
        self.waiting = true;
        self.onCancel = onCancel;
        switchAway(self);
        deliverCancel(self);
    }

    /** Makes a waiting task ready (FIFO). Idempotent: a second waker finds it not waiting. */
    void wake(Task<?> t) {
        if (t.waiting) {
            t.waiting = false;
            t.onCancel = null;
            ready.addLast(t);
        }
    }

    void sleepUntil(Task<?> self, long deadline) {
        Timer t = self.sleepTimer;
        if (t == null) {
            // One timer per task, reused by every sleep: a sleep allocates nothing.
            Timer fresh = new Timer(this, self.name(), deadline, 0, null, self);
            t = self.sleepTimer = fresh;
            self.cancelSleep = fresh::cancel;
        }
        t.deadline = deadline;
        t.cancelled = false;
        timers.add(t);
        // park(self, cancelSleep) and switchAway written out: a sleeping task's stack is the
        // hottest thing the loop resumes (100,000 sleepers), so it gets no extra frames.
        if (self.cancelReason != null) {
            t.cancel();
            deliverCancel(self);
        }
        self.waitEpoch++;
        self.waiting = true;
        self.onCancel = self.cancelSleep;
        stopRunning(self);
        Task<?> next = nextTask();
        if (next == self) {
            resumeSelf(self);
        } else {
            handTo(next);
            while (!self.go) {
                LockSupport.park(self);
            }
            self.go = false;
            resumed(self);
        }
        deliverCancel(self);
        stats.recordLateness(runStart - deadline);
    }

    /** Parks {@code self} until any of {@code tasks} is done (returns at once if one is). */
    void awaitAny(Task<?> self, List<? extends Task<?>> tasks) {
        for (Task<?> t : tasks) {
            if (t.isDone()) {
                deliverCancel(self);
                return;
            }
        }
        Runnable wakeMe = wakerForNextPark(self);
        for (Task<?> t : tasks) {
            t.addDoneCallback(wakeMe);
        }
        park(self, () -> { });
    }

    /**
     * A wake-up for the wait {@code self} is about to start, which does nothing if that wait
     * is already over: the waker may come late (a future completing after a cancel).
     */
    Runnable wakerForNextPark(Task<?> self) {
        long epoch = self.waitEpoch + 1;
        return () -> {
            if (self.waiting && self.waitEpoch == epoch) {
                wake(self);
            }
        };
    }

    void deliverCancel(Task<?> self) {
        Object reason = self.cancelReason;
        if (reason != null) {
            self.cancelReason = null;
            throw new CancelledException("task '" + self.name() + "' was cancelled", reason);
        }
    }

    /** Cancel, or interrupt a waitFor scope; a real cancel takes precedence over a timeout. */
    boolean requestCancel(Task<?> t, Object reason) {
        if (t.isDone()) {
            return false;
        }
        if (reason == CancelledException.BY_CANCEL || t.cancelReason == null) {
            t.cancelReason = reason;
        }
        if (!t.started) {
            finish(t, null, new CancelledException("task '" + t.name() + "' was cancelled before it started"));
        } else if (t.waiting) {
            Runnable undo = t.onCancel;
            wake(t);
            if (undo != null) {
                undo.run();
            }
        }
        return true;
    }

    void clearInterrupt(Task<?> t, Object reason) {
        if (t.cancelReason == reason) {
            t.cancelReason = null;
        }
    }

    <T> void finish(Task<T> t, T value, Throwable err) {
        live.remove(t);
        boolean observed = t.complete(value, err);
        if (err != null && !(err instanceof CancelledException) && !observed) {
            exceptionHandler.uncaught(t.label(), err);
        }
        if (t.awaitedByDriver) {
            driverWanted = true;
        }
        for (Runnable cb : t.takeDoneCallbacks()) {
            try {
                cb.run();
            } catch (Throwable e) {
                exceptionHandler.uncaught("done callback of task '" + t.name() + "'", e);
            }
        }
    }

    void timerCancelled(Timer t) {
        timers.remove(t);
    }

    void addTimer(Timer t) {
        timers.add(t);
    }

    // ---------------------------------------------------------------- checks

    /** True on the thread holding the permit (the driver or a task of this loop). */
    boolean isLoopThread() {
        Thread me = Thread.currentThread();
        Thread d = driver;
        if (d == null) {
            EventLoop other = RunningLoops.taskThreadLoop(me);
            return other == null || other == this;
        }
        return me == d || holder == me;
    }

    private void checkCanSchedule(String what) {
        if (closed || closing && !isLoopThread()) {
            throw new IllegalStateException(what + " on a closed loop");
        }
        if (!isLoopThread()) {
            throw new IllegalStateException(what + " called from thread '" + Thread.currentThread().getName()
                    + "' while the loop runs elsewhere; use loop.post(() -> ...) from other threads");
        }
    }

    static long checkedNanos(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d.toMillis() + " ms");
        }
        return d.toNanos();
    }
}
