package io.picoloop.loop;

import java.util.ArrayDeque;

/** FIFO of tasks parked on a primitive; a cancelled waiter removes itself. */
final class WaitQueue {
    private final ArrayDeque<Task<?>> waiters = new ArrayDeque<>();

    /** Parks the current task here until {@link #wakeOne}/{@link #wakeAll} or cancellation. */
    Task<?> await(String what) {
        Task<?> self = Async.requireTask(what);
        waiters.addLast(self);
        self.loop.park(self, () -> waiters.remove(self));
        return self;
    }

    /** Wakes the longest waiter; returns it, or null if none. */
    Task<?> wakeOne() {
        Task<?> t = waiters.pollFirst();
        if (t != null) {
            t.loop.wake(t);
        }
        return t;
    }

    void wakeAll() {
        while (wakeOne() != null) {
            // keep going
        }
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }
}
