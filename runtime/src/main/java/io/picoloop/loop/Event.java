package io.picoloop.loop;

/** asyncio.Event: tasks await until it is set; setting wakes them all (in FIFO order). */
public final class Event {
    private final WaitQueue waiters = new WaitQueue();
    private boolean set;

    /** Sets the flag and wakes every waiter. Loop thread only; other threads use {@link ThreadSafeFlag}. */
    public void set() {
        set = true;
        waiters.wakeAll();
    }

    public void clear() {
        set = false;
    }

    public boolean isSet() {
        return set;
    }

    /** Returns at once if set, else parks until {@link #set()}. */
    public void await() {
        if (!set) {
            waiters.await("Event.await");
        } else {
            Async.requireTask("Event.await");
        }
    }
}
