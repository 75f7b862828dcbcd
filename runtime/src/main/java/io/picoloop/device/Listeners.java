package io.picoloop.device;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One kind of listener of a {@link WatchedInput}, each with the executor it runs on: the
 * client's callback executor (null), or its own (e.g. {@code loop::post}), which
 * {@link #deliver} calls directly from the reader thread.
 */
final class Listeners<T> {

    private record Registered<T>(Executor executor, Consumer<T> listener) {
    }

    private final Callbacks callbacks;
    private final Warnings warnings;
    private final String what;
    private final List<Registered<T>> all = new CopyOnWriteArrayList<>();

    Listeners(Callbacks callbacks, Warnings warnings, String what) {
        this.callbacks = callbacks;
        this.warnings = warnings;
        this.what = what;
    }

    void add(Executor executor, Consumer<T> listener) {
        all.add(new Registered<>(executor, java.util.Objects.requireNonNull(listener, "listener")));
    }

    void remove(Consumer<T> listener) {
        all.removeIf(r -> r.listener() == listener);
    }

    /** Hands {@code value} to every listener's executor; one that refuses loses its listener. */
    void deliver(T value) {
        for (Registered<T> r : all) {
            if (r.executor() == null) {
                callbacks.dispatch(() -> r.listener().accept(value));
                continue;
            }
            try {
                r.executor().execute(() -> r.listener().accept(value));
            } catch (RuntimeException refused) {
                if (all.remove(r)) {
                    warnings.warn("a " + what + " listener's executor refused an event (" + refused
                            + "): the listener is removed");
                }
            }
        }
    }
}
