package io.picoloop.loop;

import java.util.function.BooleanSupplier;

/**
 * The driver part of {@link EventLoop}: the thread that called {@code run} holds the permit
 * only when nothing is ready. It then sleeps until the next timer deadline or a
 * {@code post} (real clock; optionally spinning the last stretch) or jumps the clock
 * (virtual clock), and detects deadlocks. Also shutdown: cancel every task in spawn order,
 * drive until their cleanup is done (bounded by the close grace), then the close hooks.
 */
abstract sealed class LoopDriver extends LoopCore permits EventLoop {
    private long slackToRestore = -1;     // TimerSlack: the driver's own slack before it drove

    LoopDriver(LoopClock clock) {
        super(clock);
    }

    /** The body of {@link EventLoop#close()} on the loop's own thread when it is not driven. */
    void shutdown() {
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
            carrier.close();
            runCloseHooks();
        }
    }

    void runCloseHooks() {
        while (!closeHooks.isEmpty()) {
            AutoCloseable c = closeHooks.pop();
            try {
                c.close();
            } catch (Exception e) {
                exceptionHandler.uncaught("close hook " + c, e);
            }
        }
    }

    void drive(BooleanSupplier finished, long end) {
        drive(finished, end, false);
    }

    void drive(BooleanSupplier finished, long end, boolean untilIdle) {
        if (driver != null) {
            throw new IllegalStateException("the loop is already running on thread " + driver.getName());
        }
        Thread me = Thread.currentThread();
        if (RunningLoops.taskThreadLoop(me) != null) {
            throw new IllegalStateException("run called from inside a task; use spawn and await instead");
        }
        driver = me;
        holder = me;
        RunningLoops.register(asLoop());
        driverEnd = end;
        BlockingWatchdog dog = BlockingWatchdog.startFor(asLoop());
        slackToRestore = clock instanceof VirtualClock ? -1 : TimerSlack.tighten();
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
                    carrier.awaitPermit();
                    driverGo = false;
                } else if (ready.isEmpty() && !driverWanted && (untilIdle || idle(end))) {
                    break;
                }
            }
        } finally {
            TimerSlack.restore(slackToRestore);
            watchdog = null;
            if (dog != null) {
                dog.stop();
            }
            driverEnd = NEVER;
            holder = null;
            driver = null;
            RunningLoops.unregister(asLoop());
        }
        if (stopRequested && !closing) {
            stopRequested = false;
            asLoop().close();
        }
    }

    /** Nothing is ready: sleep (real clock) or jump (virtual) to the next deadline. True at {@code end}. */
    boolean idle(long end) {
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
        slackToRestore = TimerSlack.tightenWhenReady(slackToRestore);   // before reading the clock: it may take a while
        long now = clock.nanoTime();
        if (target <= now) {
            return deadline > end;
        }
        inbox.sleep(target == NEVER ? -1 : target - now, spinNanos);
        return deadline > end && clock.nanoTime() >= end;
    }
}
