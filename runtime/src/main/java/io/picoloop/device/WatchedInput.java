package io.picoloop.device;

import io.picoloop.protocol.PinId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An input the bridge watches ({@code watch <pin> <pull> <ms>}): its debounced edges, with device
 * timestamps mapped onto the host's clock, come to listeners as {@link Edge}s. Made by
 * {@link Pico#watch(PinId, Pull, Duration)}.
 *
 * <p>Listeners run on the client's callback executor (never the reader thread), one event at a
 * time and in the order the device sent them when that executor is sequential (the default
 * thread, {@code loop::post}). {@link #level()} is updated as each line arrives, so it may be
 * ahead of the listeners.
 *
 * <p>Losses ({@code ! lost}, gaps in the sequence numbers) go to {@link #addLostListener} and
 * {@link #lostCount()}; the next edge carries the true level. The watch ends by {@link #unwatch()},
 * or by itself when the board restarts ({@code ! boot}: the device forgot it) or the link closes;
 * {@link #addEndListener} says which. A pin is watched by at most one {@code WatchedInput} at a
 * time per client; share it by adding listeners.
 */
public final class WatchedInput implements AutoCloseable {

    private enum State { PENDING, ACTIVE, ENDED }

    private final Pico pico;
    private final PinId pin;
    private final Pull pull;
    private final Duration debounce;
    private final List<Consumer<Edge>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LostEvents>> lostListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong edges = new AtomicLong();
    private volatile State state = State.PENDING;
    private volatile boolean level;
    private volatile String endReason;

    WatchedInput(Pico pico, PinId pin, Pull pull, Duration debounce) {
        this.pico = pico;
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

    public void addListener(Consumer<Edge> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Edge> listener) {
        listeners.remove(listener);
    }

    public void addLostListener(Consumer<LostEvents> listener) {
        lostListeners.add(listener);
    }

    public void removeLostListener(Consumer<LostEvents> listener) {
        lostListeners.remove(listener);
    }

    /**
     * Called once when the watch ends, with the reason: "unwatched", "the board restarted (...)"
     * (the device forgot its watches: watch again), or the link's closing.
     */
    public void addEndListener(Consumer<String> listener) {
        endListeners.add(listener);
    }

    public void removeEndListener(Consumer<String> listener) {
        endListeners.remove(listener);
    }

    /**
     * Stops the watch ({@code unwatch <pin>}); the pin stays an input. No more edges reach the
     * listeners from the moment this is called. Parks a picoloop task, blocks a plain thread.
     */
    public void unwatch() {
        pico.await(unwatchAsync());
    }

    public CompletableFuture<Void> unwatchAsync() {
        if (!pico.endWatch(this)) {
            return CompletableFuture.completedFuture(null);
        }
        ended("unwatched");
        return pico.send("unwatch", pin.token()).thenApply(r -> null);
    }

    /** {@link #unwatch()}, quietly doing nothing when the watch already ended or the link is gone. */
    @Override
    public void close() {
        if (!pico.endWatch(this)) {
            return;
        }
        ended("unwatched");
        if (pico.isConnected()) {
            try {
                pico.await(pico.send("unwatch", pin.token()));
            } catch (RuntimeException e) {
                // the link died meanwhile: nothing is watched any more
            }
        }
    }

    // ---- from the client's reader thread ----

    void activate(boolean initial) {
        if (state == State.PENDING) {
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
        for (Consumer<Edge> l : listeners) {
            pico.dispatch(() -> l.accept(e));
        }
    }

    void lost(LostEvents e) {
        if (state != State.ACTIVE) {
            return;
        }
        lost.addAndGet(e.count());
        for (Consumer<LostEvents> l : lostListeners) {
            pico.dispatch(() -> l.accept(e));
        }
    }

    void ended(String reason) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        endReason = reason;
        for (Consumer<String> l : endListeners) {
            pico.dispatch(() -> l.accept(reason));
        }
    }

    @Override
    public String toString() {
        return "watched " + pin + " (pull " + pull.token() + ", debounce " + debounce.toMillis() + " ms) on "
                + pico.description() + (state == State.ENDED ? ", ended: " + endReason : "");
    }
}
