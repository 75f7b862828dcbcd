package io.picoloop.loop;

/**
 * asyncio.Lock, owned by a task. Release hands the lock straight to the longest waiter, so
 * waiters get it in FIFO order. {@code try (var held = lock.acquire()) { ... }} releases it.
 */
public final class Lock {
    private final WaitQueue waiters = new WaitQueue();
    private Task<?> owner;

    /** What {@link #acquire()} returns: closing it releases the lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held acquire() {
        Task<?> self = Async.requireTask("Lock.acquire");
        if (owner == self) {
            throw new IllegalStateException("task '" + self.name() + "' already holds this lock (it is not reentrant)");
        }
        if (owner == null) {
            owner = self;
        } else {
            try {
                waiters.await("Lock.acquire");
            } catch (CancelledException e) {
                if (owner == self) {   // handed over just as we were cancelled: pass it on
                    release();
                }
                throw e;
            }
        }
        return this::release;
    }

    public boolean tryAcquire() {
        Task<?> self = Async.requireTask("Lock.tryAcquire");
        if (owner != null) {
            return false;
        }
        owner = self;
        return true;
    }

    public void release() {
        Task<?> caller = Async.inTask() ? Async.currentTask() : null;
        if (owner == null) {
            throw new IllegalStateException("release of a lock that is not held");
        }
        if (owner != caller) {
            throw new IllegalStateException("release of a lock held by task '" + owner.name() + "' from "
                    + (caller == null ? "outside any task" : "task '" + caller.name() + "'"));
        }
        owner = waiters.wakeOne();
    }

    public boolean isLocked() {
        return owner != null;
    }
}
