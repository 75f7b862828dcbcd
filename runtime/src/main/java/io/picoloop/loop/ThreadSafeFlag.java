package io.picoloop.loop;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MicroPython's ThreadSafeFlag: {@link #set()} from any thread (serial reader, Pi4J listener)
 * wakes the task awaiting it. Sets coalesce: several sets before the wait count as one.
 * While a task awaits it the virtual clock does not jump (the wake-up comes from outside).
 */
public final class ThreadSafeFlag {
    private final EventLoop loop;
    private final AtomicBoolean posted = new AtomicBoolean();
    private final WaitQueue waiters = new WaitQueue();
    private boolean flag;

    public ThreadSafeFlag(EventLoop loop) {
        this.loop = loop;
    }

    /** Thread-safe. */
    public void set() {
        if (!posted.getAndSet(true)) {
            loop.post(this::setOnLoop);
        }
    }

    /** Returns when the flag is set, and clears it. */
    public void await() {
        Async.requireTask("ThreadSafeFlag.await");
        if (flag) {
            flag = false;
            return;
        }
        loop.externalWaits++;
        try {
            waiters.await("ThreadSafeFlag.await");   // setOnLoop hands the set straight to us
        } finally {
            loop.externalWaits--;
        }
    }

    private void setOnLoop() {
        posted.set(false);
        if (waiters.wakeOne() == null) {
            flag = true;
        }
    }
}
