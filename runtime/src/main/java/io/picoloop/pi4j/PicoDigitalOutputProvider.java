package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import io.picoloop.protocol.PinId;

/**
 * Pi4J {@code DigitalOutput}s on the GPIO of a Pico, id {@value PicoloopPi4J#DIGITAL_OUTPUT}.
 * The config's address ({@code bcm}) is the Pico GPIO number; {@link PicoloopPi4J#ONBOARD_LED}
 * ({@code 25}) is the onboard LED on every model, also on a Pico W.
 */
public final class PicoDigitalOutputProvider extends DigitalOutputProviderBase {

    private final PicoConnection connection;

    PicoDigitalOutputProvider(PicoConnection connection) {
        super(PicoloopPi4J.DIGITAL_OUTPUT, "picoloop Pico Digital Output (" + connection.description() + ")");
        this.connection = connection;
    }

    /** Above Pi4J's own GPIO providers: a context the Pico is configured for drives the Pico. */
    @Override
    public int getPriority() {
        return PicoloopPi4J.PRIORITY;
    }

    @Override
    public DigitalOutputProvider initialize(Context context) throws InitializeException {
        connection.acquire();
        return super.initialize(context);
    }

    /**
     * Makes the pin an output at the config's {@code initial} state (LOW without one) in one
     * request, then registers it with Pi4J.
     *
     * @throws IOAlreadyExistsException when the id or the Pico pin is already in use in this context
     * @throws PicoPinException         when the Pico cannot offer that address
     * @throws PicoLinkException        when the board does not answer
     */
    @Override
    public synchronized DigitalOutput create(DigitalOutputConfig config) {
        return connection.register(context, config.id(), config.bcm(), true, (port, pin) -> {
            int level = config.initialState() == DigitalState.HIGH ? 1 : 0;
            port.modeOut(pin, level);
            var output = new PicoDigitalOutput(this, config, port, pin);
            output.driven(level);
            return output;
        });
    }

    PicoConnection connection() {
        return connection;
    }

    void released(PinId pin) {
        connection.unclaim(pin);
    }

    @Override
    public DigitalOutputProvider shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            connection.release();
        }
    }
}
