package io.picoloop.device;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.PinId;
import java.time.Duration;
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
public final class WatchedInput extends DeviceFeed<Edge> implements AutoCloseable {

    private final Unwatcher unwatcher;
    private final PinId pin;
    private final Pull pull;
    private final Duration debounce;
    private final AtomicLong edges = new AtomicLong();
    private volatile boolean level;
    private volatile boolean initialLevel;

    WatchedInput(Unwatcher unwatcher, Callbacks callbacks, Warnings warnings, PinId pin, Pull pull, Duration debounce) {
        super(callbacks, warnings, "watched " + pin, DeviceEvent.EDGE);
        this.unwatcher = unwatcher;
        this.pin = pin;
        this.pull = pull;
        this.debounce = debounce;
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

    /** Edges received so far. */
    public long edgeCount() {
        return edges.get();
    }

    // listeners: addListener (edges), addLostListener, addEndListener ("unwatched", "the board
    // restarted (...)": the device forgot its watches, watch again, or the link's closing): DeviceFeed's

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
        if (!isActive() && !isEnded()) {
            initialLevel = initial;
            level = initial;
            activate();
        }
    }

    void edge(Edge e) {
        if (!isActive()) {
            return; // before the watch reply: from an earlier watch of the pin
        }
        level = e.level();
        edges.incrementAndGet();
        deliver(e);
    }

    /**
     * The board is back after a gap and the pin is watched again: what happened meanwhile is lost
     * ({@code count} is 1 when the level changed, so at least one edge was missed, else 0), then
     * the true level, as an edge when it differs from the last one reported.
     */
    void restored(boolean trueLevel, long deviceMicros, long hostNanos) {
        if (!isActive()) {
            return;
        }
        boolean changed = trueLevel != level;
        lost(new LostEvents(changed ? 1 : 0, -1, false));
        if (changed) {
            edge(new Edge(pin, trueLevel, deviceMicros, -1, hostNanos));
        }
    }

    @Override
    public String toString() {
        return "watched " + pin + " (pull " + pull.token() + ", debounce " + debounce.toMillis() + " ms) on "
                + unwatcher.port() + (isEnded() ? ", ended: " + endReason() : "");
    }
}
