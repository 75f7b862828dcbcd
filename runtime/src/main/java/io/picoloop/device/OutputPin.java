package io.picoloop.device;

import io.picoloop.protocol.PinId;
import java.util.concurrent.CompletableFuture;

/**
 * A pin set up as an output by {@link Pico#output}. The plain methods wait for the device's reply
 * (inside a picoloop task they park the task, not the loop); the {@code ...Async} ones return at
 * once with a future.
 */
public final class OutputPin {

    private final Pico pico;
    private final PinId pin;

    OutputPin(Pico pico, PinId pin) {
        this.pico = pico;
        this.pin = pin;
    }

    public PinId pin() {
        return pin;
    }

    public void on() {
        set(true);
    }

    public void off() {
        set(false);
    }

    public void set(boolean high) {
        pico.await(setAsync(high));
    }

    /** Flips the pin; the new level (true: high). */
    public boolean toggle() {
        return pico.await(toggleAsync());
    }

    /** The level the pin drives. */
    public boolean read() {
        return pico.await(readAsync());
    }

    public CompletableFuture<Void> onAsync() {
        return setAsync(true);
    }

    public CompletableFuture<Void> offAsync() {
        return setAsync(false);
    }

    public CompletableFuture<Void> setAsync(boolean high) {
        return pico.send("write", pin.token(), high ? "1" : "0").thenApply(r -> null);
    }

    public CompletableFuture<Boolean> toggleAsync() {
        return pico.send("toggle", pin.token()).thenApply(Pico::level);
    }

    public CompletableFuture<Boolean> readAsync() {
        return pico.send("read", pin.token()).thenApply(Pico::level);
    }

    @Override
    public String toString() {
        return "output " + pin + " on " + pico.description();
    }
}
