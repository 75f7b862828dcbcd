package io.picoloop.loop;

import java.util.Arrays;

/**
 * Min-heap of timers ordered by (deadline, sequence). Each timer knows its slot, so a
 * cancelled timer leaves the heap at once (O(log n)) and a task can reuse one timer object
 * for all its sleeps: no allocation per sleep, no garbage of cancelled entries.
 */
final class TimerQueue {
    static final long NONE = Long.MAX_VALUE;

    private Timer[] heap = new Timer[64];
    private int size;
    private long nextSeq;

    void add(Timer t) {
        if (t.heapIndex >= 0) {
            throw new IllegalStateException(t + " is already scheduled");
        }
        t.seq = nextSeq++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    /** Deadline of the earliest timer, or {@link #NONE}. */
    long nextDeadline() {
        return size == 0 ? NONE : heap[0].deadline;
    }

    /** Removes and returns the earliest timer due at {@code now}, or null. */
    Timer pollDue(long now) {
        if (size == 0 || heap[0].deadline > now) {
            return null;
        }
        Timer t = heap[0];
        removeAt(0);
        return t;
    }

    /** Takes {@code t} out if it is queued; false if it was not. */
    boolean remove(Timer t) {
        int i = t.heapIndex;
        if (i < 0 || i >= size || heap[i] != t) {
            return false;
        }
        removeAt(i);
        return true;
    }

    int size() {
        return size;
    }

    private void removeAt(int i) {
        Timer gone = heap[i];
        gone.heapIndex = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    private static boolean before(Timer a, Timer b) {
        return a.deadline < b.deadline || a.deadline == b.deadline && a.seq < b.seq;
    }

    private void siftUp(int i, Timer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, Timer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
