package io.picoloop.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Pico}'s warnings ({@link Pico#onWarning}): things a user should know that belong to no
 * request. Listeners run on the {@link Callbacks} executor; the first one also gets the warnings
 * given before it was added.
 */
final class Warnings {

    private static final int EARLY_WARNINGS = 16;

    private final Callbacks callbacks;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /**
     * Warnings from before the first listener (e.g. the keepalive's answer to {@code connect},
     * which can come before the program had a chance to listen), for that listener; guarded by it.
     */
    private final List<String> early = new ArrayList<>();

    Warnings(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    void onWarning(Consumer<String> listener) {
        List<String> missed;
        synchronized (early) {
            listeners.add(listener);
            missed = List.copyOf(early);
            early.clear();
        }
        for (String message : missed) {
            callbacks.dispatch(() -> listener.accept(message));
        }
    }

    void warn(String message) {
        synchronized (early) {
            if (listeners.isEmpty()) {
                if (early.size() < EARLY_WARNINGS) {
                    early.add(message);
                }
                return;
            }
        }
        for (Consumer<String> l : listeners) {
            callbacks.dispatch(() -> l.accept(message));
        }
    }
}
