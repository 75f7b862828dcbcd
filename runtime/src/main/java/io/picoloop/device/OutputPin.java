package io.picoloop.device;

import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Reply;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A pin set up as an output by {@link Pico#output}. The plain methods wait for the device's reply
 * (inside a picoloop task they park the task, not the loop); the {@code ...Async} ones return at
 * once with a future. The {@code ...Timed} ones also return when, on the device clock, the pin
 * took its level ({@link PinWrite}), e.g. to time a reaction from the moment an LED lit to a
 * button's {@link Edge}.
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
        pico.call(Commands.write(pin, high), r -> null);
    }

    /** Flips the pin; the new level (true: high). */
    public boolean toggle() {
        return pico.call(Commands.toggle(pin), Commands::level);
    }

    /** Drives the pin high; the device time at which it went high (see {@link PinWrite}). */
    public PinWrite onTimed() {
        return setTimed(true);
    }

    /** Drives the pin low; the device time at which it went low (see {@link PinWrite}). */
    public PinWrite offTimed() {
        return setTimed(false);
    }

    /** Drives the pin; the device time at which it took the level (see {@link PinWrite}). */
    public PinWrite setTimed(boolean high) {
        return pico.call(Commands.write(pin, high), r -> written(high, r));
    }

    /** Flips the pin; its new level and the device time at which it took it. */
    public PinWrite toggleTimed() {
        return pico.call(Commands.toggle(pin), OutputPin::toggled);
    }

    /** The level the pin drives. */
    public boolean read() {
        return pico.call(Commands.read(pin), Commands::level);
    }

    public CompletableFuture<Void> onAsync() {
        return setAsync(true);
    }

    public CompletableFuture<Void> offAsync() {
        return setAsync(false);
    }

    public CompletableFuture<Void> setAsync(boolean high) {
        return pico.send(Commands.write(pin, high)).thenApply(r -> null);
    }

    public CompletableFuture<Boolean> toggleAsync() {
        return pico.send(Commands.toggle(pin)).thenApply(Commands::level);
    }

    public CompletableFuture<PinWrite> setTimedAsync(boolean high) {
        return pico.send(Commands.write(pin, high)).thenApply(r -> written(high, r));
    }

    public CompletableFuture<PinWrite> toggleTimedAsync() {
        return pico.send(Commands.toggle(pin)).thenApply(OutputPin::toggled);
    }

    private static PinWrite written(boolean high, Reply r) {
        return new PinWrite(high, Commands.writeTime(r));
    }

    private static PinWrite toggled(Reply r) {
        return new PinWrite(Commands.level(r), Commands.toggleTime(r));
    }

    /** The request {@code write <pin> <level> ...} for {@link Pico#setTogether}, checked. */
    static Command writeTogether(Pico pico, Map<OutputPin, Boolean> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("setTogether needs at least one output");
        }
        pico.identity().requireFirmware("0.4.0", "setTogether", pico.description());
        Map<PinId, Boolean> pins = new LinkedHashMap<>();
        Set<PinId> seen = new HashSet<>();
        levels.forEach((out, high) -> {
            if (out.pico != pico) {
                throw new IllegalArgumentException(out + " belongs to another board: setTogether sets pins of one board");
            }
            if (out.pin.isLed() && pico.identity().ledIsSeparate()) {
                throw new IllegalArgumentException("the LED of a Pico W is on the wireless chip, not a GPIO:"
                        + " set it on its own (led.set(...))");
            }
            if (!seen.add(pico.identity().wired(out.pin))) {
                throw new IllegalArgumentException(out.pin + " is named twice: each pin once per setTogether");
            }
            pins.put(out.pin, high);
        });
        return Commands.writeTogether(pins);
    }

    public CompletableFuture<Boolean> readAsync() {
        return pico.send(Commands.read(pin)).thenApply(Commands::level);
    }

    @Override
    public String toString() {
        return "output " + pin + " on " + pico.description();
    }
}
