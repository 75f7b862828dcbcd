package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.device.Pull;
import io.picoloop.protocol.PinId;

/**
 * Pi4J {@code DigitalInput}s on the GPIO of a Pico, id {@value PicoloopPi4J#DIGITAL_INPUT}. The
 * config's address ({@code bcm}) is the Pico GPIO number; its pull is set on the board. The
 * {@linkplain PicoloopPi4J#ONBOARD_LED onboard LED} is refused on every board: it is an output (a
 * Pico's GP25 is not on the header; a Pico W's LED is not a GPIO).
 */
public final class PicoDigitalInputProvider extends DigitalInputProviderBase {

    private final PicoConnection connection;
    /** Calls the inputs' listeners, one event at a time in the board's order (see PicoDigitalInput). */
    private final java.util.concurrent.ExecutorService events;

    PicoDigitalInputProvider(PicoConnection connection) {
        super(PicoloopPi4J.DIGITAL_INPUT, "picoloop Pico Digital Input (" + connection.description() + ")");
        this.connection = connection;
        this.events = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("picoloop-pi4j-events").factory());
    }

    @Override
    public int getPriority() {
        return PicoloopPi4J.PRIORITY;
    }

    @Override
    public DigitalInputProvider initialize(Context context) throws InitializeException {
        connection.acquire();
        return super.initialize(context);
    }

    /**
     * Has the board watch the pin with the config's pull and debounce (rounded up to whole
     * milliseconds), then registers the input with Pi4J.
     *
     * @throws PicoConfigException      for a debounce the board cannot apply (negative, over 1 s)
     * @throws IOAlreadyExistsException when the id or the Pico pin is already in use in this context
     * @throws PicoPinException         when the Pico cannot offer that address
     * @throws PicoLinkException        when the board does not answer
     */
    @Override
    public synchronized DigitalInput create(DigitalInputConfig config) {
        PicoDigitalInput.debounceMillis(config.debounce(), config.id()); // before the board is touched
        return connection.register(context, config.id(), config.bcm(), false, (port, pin) -> {
            var input = new PicoDigitalInput(this, config, port, pin, events);
            input.start(pull(config.pull()));
            return input;
        });
    }

    static Pull pull(PullResistance pull) {
        if (pull == null) {
            return Pull.NONE;
        }
        return switch (pull) {
            case PULL_UP -> Pull.UP;
            case PULL_DOWN -> Pull.DOWN;
            case OFF -> Pull.NONE;
        };
    }

    void released(PinId pin) {
        connection.unclaim(pin);
    }

    @Override
    public DigitalInputProvider shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            events.shutdown();
            connection.release();
        }
    }
}
