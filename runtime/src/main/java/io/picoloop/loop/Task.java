package io.picoloop.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * A straight-line task: a body running on its own virtual thread, but only while it holds
 * the loop's run permit. It gives the permit up only at an await point ({@link Async}), so
 * exactly one task runs at a time, as in asyncio.
 */
public final class Task<T> {
    public enum State { PENDING, RUNNING, DONE, FAILED, CANCELLED }

    final EventLoop loop;
    private final String name;
    private String label;       // "task 'name'", made on first use
    private final Object body;  // TaskBody<T> or TaskRunnable (no wrapper: one frame less on every stack)
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private Object doneCallbacks;   // null, one Runnable, or a List<Runnable>

    // Loop-confined scheduling state (only the permit holder touches it).
    Thread thread;
    boolean started;
    boolean waiting;            // parked at an await point, not in the ready queue
    Runnable onCancel;          // undoes the current wait registration
    long waitEpoch;             // counts waits, so a late waker cannot end a later wait
    Object cancelReason;        // pending cancellation, delivered at the next await point
    boolean awaitedByDriver;    // run(main): the loop thread itself observes the result
    private State state = State.PENDING;
    private T value;
    private Throwable failure;
    long runNanos;
    long switches;
    Task<?> prevLive;           // the loop's list of unfinished tasks, in spawn order
    Task<?> nextLive;
    Timer sleepTimer;           // reused by every sleep of this task
    Runnable cancelSleep;       // onCancel for those sleeps, made once

    volatile boolean go;        // handoff flag: set by whoever passes the permit to this task

    Task(EventLoop loop, String name, Object body) {
        this.loop = loop;
        this.name = name;
        this.body = body;
    }

    /** "task 'name'", for reports. */
    String label() {
        String l = label;
        if (l == null) {
            l = label = "task '" + name + "'";
        }
        return l;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public boolean isDone() {
        return state.compareTo(State.DONE) >= 0;
    }

    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * Requests cancellation: a {@link CancelledException} is thrown at the task's next await
     * point (at once if it is waiting), so its finally blocks run. Safe from any thread.
     * Returns false if the task had already finished.
     */
    public boolean cancel() {
        if (loop.isLoopThread()) {
            return loop.requestCancel(this, CancelledException.BY_CANCEL);
        }
        loop.post(() -> loop.requestCancel(this, CancelledException.BY_CANCEL));
        return !future.isDone();
    }

    /**
     * Inside a task: awaits this task and returns its value, or throws its exception
     * (checked ones wrapped in {@link TaskFailedException}; a cancelled task throws
     * {@link CancelledException}). Outside the loop (another thread): blocks that thread.
     */
    public T result() {
        if (!isDoneVisible()) {
            if (Async.inTask()) {
                Task<?> self = Async.requireTask("Task.result");
                loop.awaitAny(self, List.of(this));
            } else if (loop.isLoopThread()) {
                throw new IllegalStateException("Task.result() of unfinished task '" + name
                        + "' called from a loop callback; await it from a task instead");
            }
        }
        return joinFuture();
    }

    /** Same as {@link #result()}; the name Java users reach for. */
    public T join() {
        return result();
    }

    /** The failure of a finished task (its CancelledException if cancelled), else null. */
    public Throwable exception() {
        return isDoneVisible() ? failure : null;
    }

    /** Completes on the loop thread when the task finishes; usable from any thread. */
    public CompletionStage<T> toCompletionStage() {
        return future.minimalCompletionStage();
    }

    public long runNanos() {
        return runNanos;
    }

    public long switches() {
        return switches;
    }

    @Override
    public String toString() {
        return "Task[" + name + ", " + state + "]";
    }

    // ---- loop internals ----

    /** Body of the task's virtual thread: runs the user's code, then passes the permit on. */
    @SuppressWarnings("unchecked")
    void threadMain() {
        // No ScopedValue binding here: which task a thread runs is found from the loop's
        // permit holder (RunningLoops), which saves frames and objects on every stack.
        T v = null;
        Throwable err = null;
        try {
            state = State.RUNNING;
            loop.resumed(this);
            loop.deliverCancel(this);
            // The body is called from here, not from a helper: every frame under an await
            // point is kept in the parked task's stack chunk (see LoopCore.sleepUntil).
            if (body instanceof TaskRunnable r) {
                r.run();
            } else {
                v = ((TaskBody<T>) body).call();
            }
        } catch (Throwable e) {
            err = e;
        }
        loop.finish(this, v, err);
        loop.exitTask(this);
    }

    /** Sets the final state; returns true if someone will look at a failure. */
    boolean complete(T v, Throwable err) {
        boolean observed = awaitedByDriver || doneCallbacks != null || future.getNumberOfDependents() > 0;
        value = v;
        failure = err;
        if (err == null) {
            state = State.DONE;
            future.complete(v);
        } else {
            state = err instanceof CancelledException ? State.CANCELLED : State.FAILED;
            future.completeExceptionally(err);
        }
        return observed;
    }

    @SuppressWarnings("unchecked")
    void addDoneCallback(Runnable cb) {
        Object d = doneCallbacks;
        if (d == null) {
            doneCallbacks = cb;             // the common case (gather, result): no list
        } else if (d instanceof Runnable first) {
            List<Runnable> list = new ArrayList<>(2);
            list.add(first);
            list.add(cb);
            doneCallbacks = list;
        } else {
            ((List<Runnable>) d).add(cb);
        }
    }

    @SuppressWarnings("unchecked")
    List<Runnable> takeDoneCallbacks() {
        Object d = doneCallbacks;
        doneCallbacks = null;
        if (d == null) {
            return List.of();
        }
        return d instanceof Runnable r ? List.of(r) : (List<Runnable>) d;
    }

    void resume() {
        if (!started) {
            started = true;
            thread = loop.carrier.newThread(name, this::threadMain);
            loop.holder = thread;
            thread.start();
        } else {
            loop.holder = thread;
            go = true;
            LockSupport.unpark(thread);
        }
    }

    T resultNow() {
        return joinFuture();
    }

    private boolean isDoneVisible() {
        return future.isDone();
    }

    private T joinFuture() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while joining task '" + name + "'");
        } catch (ExecutionException e) {
            throw rethrow("task '" + name + "' failed", e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new CancelledException("task '" + name + "' was cancelled");
        }
    }

    /** Unchecked exceptions as they are; checked ones wrapped so callers need no throws clause. */
    static RuntimeException rethrow(String what, Throwable cause) {
        if (cause instanceof CancelledException c) {
            return new CancelledException(what + ": " + c.getMessage());
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new TaskFailedException(what + ": " + cause, cause);
    }
}
