package io.picoloop.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop's unfinished tasks in spawn order (close() cancels them in this order). An
 * intrusive doubly-linked list through {@link Task#prevLive}/{@link Task#nextLive}: no
 * per-task entry object, O(1) add and remove. Loop-confined.
 */
final class LiveTasks {
    private Task<?> head;
    private Task<?> tail;

    void add(Task<?> t) {
        if (tail == null) {
            head = t;
        } else {
            tail.nextLive = t;
            t.prevLive = tail;
        }
        tail = t;
    }

    void remove(Task<?> t) {
        if (t.prevLive == null && head != t) {
            return;         // not in the list (already removed)
        }
        if (t.prevLive == null) {
            head = t.nextLive;
        } else {
            t.prevLive.nextLive = t.nextLive;
        }
        if (t.nextLive == null) {
            tail = t.prevLive;
        } else {
            t.nextLive.prevLive = t.prevLive;
        }
        t.prevLive = null;
        t.nextLive = null;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** A copy, in spawn order. */
    List<Task<?>> list() {
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> t = head; t != null; t = t.nextLive) {
            out.add(t);
        }
        return out;
    }
}
