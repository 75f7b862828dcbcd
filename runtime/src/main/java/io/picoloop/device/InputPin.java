package io.picoloop.device;

import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinId;
import java.util.concurrent.CompletableFuture;

/** A pin set up as an input by {@link Pico#input}. */
public final class InputPin {

    private final Pico pico;
    private final PinId pin;
    private final Pull pull;

    InputPin(Pico pico, PinId pin, Pull pull) {
        this.pico = pico;
        this.pin = pin;
        this.pull = pull;
    }

    public PinId pin() {
        return pin;
    }

    public Pull pull() {
        return pull;
    }

    /** The level the pin reads (true: high); waits for the device, parking a task, not the loop. */
    public boolean read() {
        return pico.call(Commands.read(pin), Commands::level);
    }

    public CompletableFuture<Boolean> readAsync() {
        return pico.send(Commands.read(pin)).thenApply(Commands::level);
    }

    @Override
    public String toString() {
        return "input " + pin + " (pull " + pull.token() + ") on " + pico.description();
    }
}
