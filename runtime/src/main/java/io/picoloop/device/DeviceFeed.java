package io.picoloop.device;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the board sends on its own for one thing the program asked it to follow: a watched pin's
 * edges ({@link WatchedInput}) or an analog input's samples ({@link AnalogStream}). Values, losses
 * ({@link LostEvents}) and the end each go to their listeners: on the client's callback executor,
 * or on the executor given with them (e.g. {@code loop::post}: one hand-off from the reader thread
 * instead of two), never on the reader thread. Each listener gets one event at a time, in the
 * order the device sent them, when its executor is sequential. It is pending until the board's
 * reply, active until it ends, and ends once, with a reason.
 *
 * @param <T> what it delivers: {@link Edge}, {@link AnalogReading}
 */
abstract sealed class DeviceFeed<T> permits WatchedInput, AnalogStream {

    private enum State { PENDING, ACTIVE, ENDED }

    private final Listeners<T> listeners;
    private final Listeners<LostEvents> lostListeners;
    private final Listeners<String> endListeners;
    private final AtomicLong lost = new AtomicLong();
    private volatile State state = State.PENDING;
    private volatile String endReason;

    /** @param what for warnings about a listener, e.g. "watched GP14" */
    DeviceFeed(Callbacks callbacks, Warnings warnings, String what, String valueKind) {
        this.listeners = new Listeners<>(callbacks, warnings, what + " " + valueKind);
        this.lostListeners = new Listeners<>(callbacks, warnings, what + " lost");
        this.endListeners = new Listeners<>(callbacks, warnings, what + " end");
    }

    /** True from the board's reply until the end. */
    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Why it ended, or null while it runs. */
    public String endReason() {
        return endReason;
    }

    /** Events lost so far: dropped on the device ({@code ! lost}) plus event lines missing on the link. */
    public long lostCount() {
        return lost.get();
    }

    /** Values (edges, samples), on the client's callback executor. */
    public void addListener(Consumer<T> listener) {
        listeners.add(null, listener);
    }

    /**
     * Values, handed from the reader thread straight to {@code executor} (one hop; e.g.
     * {@code loop::post}). The executor must not block and must not run the listener on the
     * calling thread. One that refuses (shut down, a closed loop) loses the listener, with a
     * warning to {@link Pico#onWarning}.
     */
    public void addListener(Executor executor, Consumer<T> listener) {
        listeners.add(Objects.requireNonNull(executor, "executor"), listener);
    }

    public void removeListener(Consumer<T> listener) {
        listeners.remove(listener);
    }

    /** Losses, on the client's callback executor. */
    public void addLostListener(Consumer<LostEvents> listener) {
        lostListeners.add(null, listener);
    }

    /** Losses, handed straight to {@code executor} (see {@link #addListener(Executor, Consumer)}). */
    public void addLostListener(Executor executor, Consumer<LostEvents> listener) {
        lostListeners.add(Objects.requireNonNull(executor, "executor"), listener);
    }

    public void removeLostListener(Consumer<LostEvents> listener) {
        lostListeners.remove(listener);
    }

    /** Called once at the end, with the reason; on the client's callback executor. */
    public void addEndListener(Consumer<String> listener) {
        endListeners.add(null, listener);
    }

    /** The end, handed straight to {@code executor} (see {@link #addListener(Executor, Consumer)}). */
    public void addEndListener(Executor executor, Consumer<String> listener) {
        endListeners.add(Objects.requireNonNull(executor, "executor"), listener);
    }

    public void removeEndListener(Consumer<String> listener) {
        endListeners.remove(listener);
    }

    // ---- from the client's reader thread ----

    /** The board's reply came: true the first time. */
    final boolean activate() {
        if (state != State.PENDING) {
            return false;
        }
        state = State.ACTIVE;
        return true;
    }

    final boolean isEnded() {
        return state == State.ENDED;
    }

    /** To the value listeners. */
    final void deliver(T value) {
        listeners.deliver(value);
    }

    void lost(LostEvents e) {
        if (state != State.ACTIVE) {
            return;
        }
        lost.addAndGet(e.count());
        lostListeners.deliver(e);
    }

    void ended(String reason) {
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            endReason = reason;
            state = State.ENDED;
        }
        afterEnd();
        endListeners.deliver(reason);
    }

    /** Once, right after the end (outside the lock), before the end listeners hear it. */
    void afterEnd() {
    }
}
