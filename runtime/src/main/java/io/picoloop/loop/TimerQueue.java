package io.picoloop.loop;

import java.util.PriorityQueue;

/** Min-heap of timers. Cancelled timers are dropped lazily, and in bulk if they pile up. */
final class TimerQueue {
    static final long NONE = Long.MAX_VALUE;

    private PriorityQueue<Timer> heap = new PriorityQueue<>(Timer.ORDER);
    private long nextSeq;
    private int cancelled;

    void add(Timer t) {
        t.seq = nextSeq++;
        heap.add(t);
    }

    /** Deadline of the earliest live timer, or {@link #NONE}. */
    long nextDeadline() {
        dropCancelledHead();
        Timer t = heap.peek();
        return t == null ? NONE : t.deadline;
    }

    /** Removes and returns the earliest live timer due at {@code now}, or null. */
    Timer pollDue(long now) {
        dropCancelledHead();
        Timer t = heap.peek();
        if (t == null || t.deadline > now) {
            return null;
        }
        return heap.poll();
    }

    void noteCancelled() {
        if (++cancelled > 1024 && cancelled > heap.size() / 2) {
            PriorityQueue<Timer> live = new PriorityQueue<>(Timer.ORDER);
            for (Timer t : heap) {
                if (!t.cancelled) {
                    live.add(t);
                }
            }
            heap = live;
            cancelled = 0;
        }
    }

    int size() {
        return heap.size();
    }

    private void dropCancelledHead() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
            if (cancelled > 0) {
                cancelled--;
            }
        }
    }
}
