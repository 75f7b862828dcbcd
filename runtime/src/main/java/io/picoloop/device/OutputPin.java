package io.picoloop.device;

import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
        pico.await(setAsync(high));
    }

    /** Flips the pin; the new level (true: high). */
    public boolean toggle() {
        return pico.await(toggleAsync());
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
        return pico.await(setTimedAsync(high));
    }

    /** Flips the pin; its new level and the device time at which it took it. */
    public PinWrite toggleTimed() {
        return pico.await(toggleTimedAsync());
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

    public CompletableFuture<PinWrite> setTimedAsync(boolean high) {
        return pico.send("write", pin.token(), high ? "1" : "0").thenApply(r -> new PinWrite(high, time(r, 0)));
    }

    public CompletableFuture<PinWrite> toggleTimedAsync() {
        return pico.send("toggle", pin.token()).thenApply(r -> new PinWrite(Pico.level(r), time(r, 1)));
    }

    /** The arguments of {@code write <pin> <level> ...} for {@link Pico#setTogether}, checked. */
    static String[] writeTogetherArgs(Pico pico, Map<OutputPin, Boolean> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("setTogether needs at least one output");
        }
        if (!pico.identity().firmwareAtLeast("0.4.0")) {
            throw new IllegalStateException("setTogether needs bridge firmware 0.4.0 or newer; " + pico.description()
                    + " runs " + pico.identity().firmwareVersion() + ": " + io.picoloop.protocol.Protocol.INSTALL_FIX);
        }
        List<String> args = new ArrayList<>();
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
            args.add(out.pin.token());
            args.add(high ? "1" : "0");
        });
        return args.toArray(String[]::new);
    }

    /** The device time at {@code index} of an output reply; empty when an older bridge left it out. */
    static OptionalLong time(Reply r, int index) {
        if (r.values().size() <= index) {
            return OptionalLong.empty();
        }
        long t = r.longValue(index);
        if (t < 0) {
            throw new ProtocolException("expected a device time, saw \"" + LineCodec.describe(r.encode()) + "\"");
        }
        return OptionalLong.of(t);
    }

    public CompletableFuture<Boolean> readAsync() {
        return pico.send("read", pin.token()).thenApply(Pico::level);
    }

    @Override
    public String toString() {
        return "output " + pin + " on " + pico.description();
    }
}
