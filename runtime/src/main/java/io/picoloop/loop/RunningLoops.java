package io.picoloop.loop;

import java.util.Arrays;

/**
 * Which task is the calling thread? The loops being driven right now (usually one). A task's
 * thread runs only while it holds its loop's permit, so the task of a thread is the running
 * loop's current task if that task's thread is the caller. This replaces a ScopedValue
 * binding, which cost every task three stack frames and three objects.
 */
final class RunningLoops {
    private static final Object LOCK = new Object();
    private static volatile EventLoop[] loops = new EventLoop[0];

    private RunningLoops() {
    }

    static void register(EventLoop loop) {
        synchronized (LOCK) {
            EventLoop[] r = Arrays.copyOf(loops, loops.length + 1);
            r[r.length - 1] = loop;
            loops = r;
        }
    }

    static void unregister(EventLoop loop) {
        synchronized (LOCK) {
            loops = Arrays.stream(loops).filter(l -> l != loop).toArray(EventLoop[]::new);
        }
    }

    /** The task running on {@code thread} and holding its loop's permit (not in a callback), or null. */
    static Task<?> currentTask(Thread thread) {
        for (EventLoop l : loops) {
            Task<?> c = l.current;
            if (c != null && c.thread == thread && l.holder == thread) {
                return c;
            }
        }
        return null;
    }

    /** The loop whose task thread {@code thread} is (running a task or a callback on it), or null. */
    static EventLoop taskThreadLoop(Thread thread) {
        for (EventLoop l : loops) {
            if (l.holder == thread && l.driver != thread) {
                return l;
            }
        }
        return null;
    }
}
