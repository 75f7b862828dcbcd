package io.picoloop.loop;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The only door into the loop from other threads: {@link EventLoop#post} puts work here and
 * unparks the loop thread if it is idle. Everything else in the loop is confined to the
 * thread holding the run permit, so needs no locks.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread sleeper;

    void post(Runnable fn) {
        queue.add(fn);
        Thread s = sleeper;      // read after the add: either we see the sleeper or it sees the item
        if (s != null) {
            LockSupport.unpark(s);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void drainTo(ArrayDeque<Object> ready) {
        Runnable fn;
        while ((fn = queue.poll()) != null) {
            ready.addLast(fn);
        }
    }

    /** Parks the calling (loop) thread until a post arrives or {@code realNanos} pass (<0: forever). */
    void sleep(long realNanos) {
        sleep(realNanos, 0);
    }

    /**
     * As {@link #sleep(long)}, but the last {@code spinNanos} before the deadline are spent
     * spinning ({@link Thread#onSpinWait}) instead of parked: a timed park wakes tens of
     * microseconds late (kernel timer slack, scheduler), a spin does not, at the price of
     * that much CPU per wake-up.
     */
    void sleep(long realNanos, long spinNanos) {
        if (realNanos > 0 && spinNanos > 0) {
            long deadline = System.nanoTime() + realNanos;
            if (realNanos > spinNanos) {
                sleepParked(realNanos - spinNanos);
            }
            while (queue.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return;
        }
        sleepParked(realNanos);
    }

    private void sleepParked(long realNanos) {
        sleeper = Thread.currentThread();
        try {
            if (queue.isEmpty()) {
                if (realNanos < 0) {
                    LockSupport.park(this);
                } else if (realNanos > 0) {
                    LockSupport.parkNanos(this, realNanos);
                }
            }
        } finally {
            sleeper = null;
        }
    }
}
