package io.picoloop.loop;

import java.util.ArrayDeque;

/**
 * asyncio.Queue with a capacity: {@link #put} awaits while full, {@link #get} awaits while
 * empty. After {@link #close()} puts fail and gets drain what is left, then fail.
 * Other threads feed it through {@code loop.post(() -> queue.offer(x))}.
 */
public final class BoundedQueue<T> {
    private final String name;
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final WaitQueue getters = new WaitQueue();
    private final WaitQueue putters = new WaitQueue();
    private boolean closed;

    public BoundedQueue(String name, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
    }

    public void put(T item) {
        Async.requireTask("BoundedQueue.put");
        while (!offer(item)) {
            putters.await("BoundedQueue.put");
        }
    }

    /** Adds without waiting; false if full. Usable from callbacks. */
    public boolean offer(T item) {
        if (item == null) {
            throw new NullPointerException("queue '" + name + "' does not take null");
        }
        if (closed) {
            throw new QueueClosedException("put to closed queue '" + name + "'");
        }
        if (items.size() >= capacity) {
            return false;
        }
        items.addLast(item);
        getters.wakeOne();
        return true;
    }

    public T get() {
        Async.requireTask("BoundedQueue.get");
        T item;
        while ((item = poll()) == null) {
            if (closed) {
                throw new QueueClosedException("get from closed and empty queue '" + name + "'");
            }
            getters.await("BoundedQueue.get");
        }
        return item;
    }

    /** Takes without waiting; null if empty. */
    public T poll() {
        T item = items.pollFirst();
        if (item != null) {
            putters.wakeOne();
        }
        return item;
    }

    /** Wakes every waiter: putters fail, getters drain then fail. */
    public void close() {
        closed = true;
        getters.wakeAll();
        putters.wakeAll();
    }

    public boolean isClosed() {
        return closed;
    }

    public int size() {
        return items.size();
    }
}
