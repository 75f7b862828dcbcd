package io.picoloop.device;

import io.picoloop.protocol.PinId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An input the bridge watches ({@code watch <pin> <pull> <ms>}): its debounced edges, with device
 * timestamps mapped onto the host's clock, come to listeners as {@link Edge}s. Made by
 * {@link Pico#watch(PinId, Pull, Duration)}.
 *
 * <p>Listeners run on the client's callback executor, or on the executor given with them
 * ({@link #addListener(Executor, Consumer)}: e.g. {@code loop::post}, one hand-off from the reader
 * thread instead of two); never on the reader thread. Each listener gets one event at a time, in
 * the order the device sent them, when its executor is sequential (the default thread,
 * {@code loop::post}). {@link #level()} is updated as each line arrives, so it may be ahead of
 * the listeners. Listeners added in the set-up of
 * {@link Pico#watch(PinId, Pull, Duration, Consumer)} miss no edge of the watch.
 *
 * <p>Losses ({@code ! lost}, gaps in the sequence numbers) go to {@link #addLostListener} and
 * {@link #lostCount()}; the next edge carries the true level. The watch ends by {@link #unwatch()},
 * or by itself when the board restarts ({@code ! boot}: the device forgot it) or the link closes;
 * {@link #addEndListener} says which. A pin is watched by at most one {@code WatchedInput} at a
 * time per client; share it by adding listeners.
 */
public final class WatchedInput implements AutoCloseable {

    private enum State { PENDING, ACTIVE, ENDED }

    private final Unwatcher unwatcher;
    private final PinId pin;
    private final Pull pull;
    private final Duration debounce;
    private final Listeners<Edge> listeners;
    private final Listeners<LostEvents> lostListeners;
    private final Listeners<String> endListeners;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong edges = new AtomicLong();
    private volatile State state = State.PENDING;
    private volatile boolean level;
    private volatile boolean initialLevel;
    private volatile String endReason;

    WatchedInput(Unwatcher unwatcher, Callbacks callbacks, Warnings warnings, PinId pin, Pull pull, Duration debounce) {
        this.unwatcher = unwatcher;
        this.pin = pin;
        this.pull = pull;
        this.debounce = debounce;
        String what = "watched " + pin;
        this.listeners = new Listeners<>(callbacks, warnings, what + " edge");
        this.lostListeners = new Listeners<>(callbacks, warnings, what + " lost");
        this.endListeners = new Listeners<>(callbacks, warnings, what + " end");
    }

    public PinId pin() {
        return pin;
    }

    public Pull pull() {
        return pull;
    }

    public Duration debounce() {
        return debounce;
    }

    /** The last level the device reported (the watch reply, then each edge): true for high. */
    public boolean level() {
        return level;
    }

    /**
     * The level the {@code watch} reply reported (true: high), before any edge of this watch; set
     * before the first edge reaches a listener. For a listener added before the watch was sent
     * (see {@link Pico#watch(PinId, Pull, Duration, Consumer)}) that keeps its own state.
     */
    public boolean initialLevel() {
        return initialLevel;
    }

    /** True from the watch reply until the watch ends. */
    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Why the watch ended ("unwatched", "the board restarted", ...), or null while it runs. */
    public String endReason() {
        return endReason;
    }

    /** Edges received so far. */
    public long edgeCount() {
        return edges.get();
    }

    /** Events lost so far: edges dropped on the device plus event lines missing on the link. */
    public long lostCount() {
        return lost.get();
    }

    /** Edges, on the client's callback executor. */
    public void addListener(Consumer<Edge> listener) {
        listeners.add(null, listener);
    }

    /**
     * Edges, handed from the reader thread straight to {@code executor} (one hop; e.g.
     * {@code loop::post}). The executor must not block and must not run the listener on the
     * calling thread. One that refuses (shut down, a closed loop) loses the listener, with a
     * warning to {@link Pico#onWarning}.
     */
    public void addListener(Executor executor, Consumer<Edge> listener) {
        listeners.add(Objects.requireNonNull(executor, "executor"), listener);
    }

    public void removeListener(Consumer<Edge> listener) {
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

    /**
     * Called once when the watch ends, with the reason: "unwatched", "the board restarted (...)"
     * (the device forgot its watches: watch again), or the link's closing. On the client's
     * callback executor.
     */
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

    /**
     * Stops the watch ({@code unwatch <pin>}); the pin stays an input. No more edges reach the
     * listeners from the moment this is called. Parks a picoloop task, blocks a plain thread.
     */
    public void unwatch() {
        unwatcher.await(unwatchAsync());
    }

    public CompletableFuture<Void> unwatchAsync() {
        if (!unwatcher.end(this)) {
            return CompletableFuture.completedFuture(null);
        }
        ended("unwatched");
        return unwatcher.tellBoard(pin);
    }

    /** {@link #unwatch()}, quietly doing nothing when the watch already ended or the link is gone. */
    @Override
    public void close() {
        if (!unwatcher.end(this)) {
            return;
        }
        ended("unwatched");
        unwatcher.tellBoardQuietly(pin);
    }

    // ---- from the client's reader thread ----

    void activate(boolean initial) {
        if (state == State.PENDING) {
            initialLevel = initial;
            level = initial;
            state = State.ACTIVE;
        }
    }

    void edge(Edge e) {
        if (state != State.ACTIVE) {
            return; // before the watch reply: from an earlier watch of the pin
        }
        level = e.level();
        edges.incrementAndGet();
        listeners.deliver(e);
    }

    void lost(LostEvents e) {
        if (state != State.ACTIVE) {
            return;
        }
        lost.addAndGet(e.count());
        lostListeners.deliver(e);
    }

    /**
     * The board is back after a gap and the pin is watched again: what happened meanwhile is lost
     * ({@code count} is 1 when the level changed, so at least one edge was missed, else 0), then
     * the true level, as an edge when it differs from the last one reported.
     */
    void restored(boolean trueLevel, long deviceMicros, long hostNanos) {
        if (state != State.ACTIVE) {
            return;
        }
        boolean changed = trueLevel != level;
        lost(new LostEvents(changed ? 1 : 0, -1, false));
        if (changed) {
            edge(new Edge(pin, trueLevel, deviceMicros, -1, hostNanos));
        }
    }

    void ended(String reason) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        endReason = reason;
        endListeners.deliver(reason);
    }

    @Override
    public String toString() {
        return "watched " + pin + " (pull " + pull.token() + ", debounce " + debounce.toMillis() + " ms) on "
                + unwatcher.port() + (state == State.ENDED ? ", ended: " + endReason : "");
    }
}
