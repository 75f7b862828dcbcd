package io.picoloop.loop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The switching core of {@link EventLoop}: the loop's state, the single run permit and its
 * hand-off. Whoever holds the permit (the driver, a task's virtual thread, or a callback
 * running on either) may touch this state; everyone else is parked. At an await point the
 * task itself picks the next ready item ({@link #nextTask}), runs ready callbacks inline,
 * unparks the next task and parks ({@link #switchAway}, {@link #sleepUntil}); only when
 * nothing is ready does it hand the permit to the driver ({@link LoopDriver}). The await
 * points used by {@link Async}, {@link Task} and the primitives are here too.
 *
 * <p>Split from {@link EventLoop} by inheritance, not delegation, so the hot path has no
 * extra frames: EventLoop (public API) extends LoopDriver (driving, idling, shutdown)
 * extends LoopCore (this).
 */
abstract sealed class LoopCore permits LoopDriver {
    static final long NEVER = Long.MAX_VALUE;
    static final long NO_MARK = Long.MIN_VALUE;

    final LoopClock clock;
    final ArrayDeque<Object> ready = new ArrayDeque<>();   // Task, Timer or Runnable
    final TimerQueue timers = new TimerQueue();
    final Inbox inbox = new Inbox();
    final LiveTasks live = new LiveTasks();                 // unfinished, spawn order
    final ArrayDeque<AutoCloseable> closeHooks = new ArrayDeque<>();
    final LoopStats stats = new LoopStats();
    final Carrier carrier;

    LoopExceptionHandler exceptionHandler = LoopExceptionHandler.STDERR;
    LoopReporter reporter = LoopReporter.STDERR;
    long blockThresholdNanos = Duration.ofMillis(100).toNanos();
    Duration stallGrace = Duration.ofSeconds(1);
    Duration closeGrace = Duration.ofSeconds(2);
    long spinNanos;
    long realEnd = NEVER;    // System.nanoTime() bound of the current drive (close's grace)

    Task<?> current;                 // task holding the permit; null for callbacks and the driver
    Thread holder;                   // thread holding the permit: the driver or a task's (callbacks run on either)
    int externalWaits;               // tasks waiting on another thread (virtual clock must not jump)
    int batchLeft;           // items left in this pass over the ready queue
    boolean driverWanted;    // hand the permit to the driver at the next switch
    long driverEnd = NEVER;
    volatile Thread driver;
    volatile boolean driverGo;
    volatile boolean stopRequested;
    boolean closed;
    boolean closing;

    // What holds the permit now, for stats and the blocking watchdog.
    long runStart;
    long stallMark;                   // watchdog's stall total when the current holder started
    volatile BlockingWatchdog watchdog;   // real clock, while driven
    volatile Object running;         // Task, Timer or POSTED; null when the driver holds the permit
    volatile long runningSinceReal;
    static final String POSTED = "posted callback";

    long stallMarkForWatchdog() {
        return stallMark;
    }

    LoopCore(LoopClock clock) {
        this.clock = clock;
        this.carrier = new Carrier(this, Carrier.configuredMode());
    }

    /** The only subclass chain is EventLoop -> LoopDriver -> LoopCore (sealed). */
    final EventLoop asLoop() {
        return (EventLoop) this;
    }

    // ---------------------------------------------------------------- the switch

    /**
     * Runs ready callbacks inline and returns the next task to resume, or null when the
     * driver must take over (nothing ready, or it was asked for). Caller holds the permit.
     */
    Task<?> nextTask() {
        long mark = NO_MARK;     // end time of the previous callback: the next one's start
        for (;;) {
            if (driverWanted) {
                return null;
            }
            if (batchLeft == 0) {
                collect();
                batchLeft = ready.size();
                if (batchLeft == 0 && !driverWanted && spunUntilNextDeadline()) {
                    continue;
                }
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

    /**
     * With a spin window ({@link EventLoop#setSpinBeforeDeadline}), on the real clock: nothing
     * is ready and the next deadline is less than the window away, so spin to it while still
     * holding the permit instead of handing the permit to the driver. That hand-off (unpark
     * the driver, it parks with a timeout, the kernel wakes it 50+ us late, it unparks the next
     * task's carrier) is where a timed wait loses its precision. True if it spun (the caller
     * collects again).
     */
    private boolean spunUntilNextDeadline() {
        if (spinNanos == 0 || clock instanceof VirtualClock) {
            return false;
        }
        long deadline = timers.nextDeadline();
        if (deadline == NEVER || deadline - clock.nanoTime() > spinNanos) {
            return false;
        }
        while (clock.nanoTime() < deadline && inbox.isEmpty()) {
            Thread.onSpinWait();
        }
        return true;
    }

    /** Start of a pass: take posts from other threads and fire due timers, in deadline order. */
    void collect() {
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
    long runCallback(Object item, long mark) {
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

    void resume(Task<?> t) {
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
    void stopRunning(Task<?> self) {
        long held = clock.nanoTime() - runStart;
        self.runNanos += held;
        self.switches++;
        current = null;
        checkHeld(self, held);
    }

    void checkHeld(Object what, long heldNanos) {
        if (heldNanos >= blockThresholdNanos) {
            // Minus the time the watchdog saw the whole process stalled (OS, GC): that is the
            // machine not running us, not this task or callback holding the loop.
            BlockingWatchdog w = watchdog;
            long stalled = w == null ? 0 : w.stalledNanos(System.nanoTime()) - stallMark;
            if (heldNanos - stalled >= blockThresholdNanos) {
                reporter.blocked(describe(what), Duration.ofNanos(heldNanos));
            }
        }
    }

    void markRunning(Object what, long loopNow) {
        BlockingWatchdog w = watchdog;
        if (w != null) {
            stallMark = w.stalledNanos();
            runningSinceReal = loopNow;
            running = what;
        }
    }

    /** Gives the permit away from task {@code self} (already queued or waiting) and parks. */
    void switchAway(Task<?> self) {
        stopRunning(self);
        Task<?> next = nextTask();
        if (next == self) {
            resumeSelf(self);
            return;
        }
        handTo(next);
        awaitGo(self);
        resumed(self);
    }

    /**
     * Parks until the permit is handed to {@code self}. A do-while on purpose: the JIT often
     * compiles the await path before any task has been resumed (a program that starts many
     * tasks, each running to its first sleep), and a {@code while (!go)} test then has a branch
     * it never saw taken, which C2 turns into a trap: every task resumed through that compiled
     * frame was deoptimized (measured: 56,000 of 100,000 sleepers, about 5 us each). Testing
     * only after the park leaves no such branch in code that has not run.
     */
    static void awaitGo(Task<?> self) {
        do {
            LockSupport.park(self);
        } while (!self.go);
        self.go = false;
    }

    void resumeSelf(Task<?> self) {
        current = self;
        resumed(self);
    }

    void handTo(Task<?> next) {
        running = null;         // until the next holder really runs, nobody is to blame
        if (next != null) {
            resume(next);
        } else {
            current = null;
            holder = driver;
            driverGo = true;
            carrier.wakeDriver();
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
            Timer fresh = new Timer(asLoop(), self.name(), deadline, 0, null, self);
            t = self.sleepTimer = fresh;
            self.cancelSleep = fresh::cancel;
        }
        t.deadline = deadline;
        t.cancelled = false;
        timers.add(t);
        // park(self, cancelSleep), switchAway and awaitGo written out: a sleeping task's stack
        // is the hottest thing the loop resumes, and it is what a sleeping task costs in memory.
        // Every frame a task parks with is kept in its stack chunk; until C2 has compiled this
        // path, each is an interpreted or C1 frame of about 100 bytes (100,000 sleepers: 10 MB).
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
            do {                        // awaitGo(self), written out: one frame less
                LockSupport.park(self);
            } while (!self.go);
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

    void checkCanSchedule(String what) {
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
