package io.picoloop.loop;

import java.util.HashSet;
import java.util.Set;

/** asyncio.Semaphore with FIFO hand-over: a release goes to the longest waiter first. */
public final class Semaphore {
    private final WaitQueue waiters = new WaitQueue();
    private final Set<Task<?>> handedOver = new HashSet<>();   // woken with a permit, not yet resumed
    private int permits;

    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = permits;
    }

    public void acquire() {
        Task<?> self = Async.requireTask("Semaphore.acquire");
        if (tryAcquire()) {
            return;
        }
        try {
            waiters.await("Semaphore.acquire");
            handedOver.remove(self);
        } catch (CancelledException e) {
            if (handedOver.remove(self)) {   // a permit arrived just as we were cancelled: pass it on
                release();
            }
            throw e;
        }
    }

    public boolean tryAcquire() {
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return true;
        }
        return false;
    }

    public void release() {
        Task<?> next = waiters.wakeOne();
        if (next == null) {
            permits++;
        } else {
            handedOver.add(next);
        }
    }

    public int available() {
        return permits;
    }
}
