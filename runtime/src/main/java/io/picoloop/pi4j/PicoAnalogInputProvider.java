package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.analog.AnalogInput;
import com.pi4j.io.gpio.analog.AnalogInputConfig;
import com.pi4j.io.gpio.analog.AnalogInputProvider;
import com.pi4j.io.gpio.analog.AnalogInputProviderBase;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.PinId;

/**
 * Pi4J {@code AnalogInput}s on the ADC of a Pico, id {@value PicoloopPi4J#ANALOG_INPUT}. The
 * config's address ({@code bcm}) is the Pico GPIO number of an ADC pin, 26, 27 or 28 (ADC
 * channels 0-2; GP29 is the board's VSYS/3 and refused, saying so), or
 * {@link PicoloopPi4J#TEMPERATURE_SENSOR} ({@code -1}, the chip's sensor on ADC channel 4, which
 * has no GPIO: -1 is what picoloop's protocol calls it, and can never be a GPIO).
 */
public final class PicoAnalogInputProvider extends AnalogInputProviderBase {

    private final PicoConnection connection;
    /** Calls the inputs' listeners, one sample at a time in the board's order. */
    private final java.util.concurrent.ExecutorService events;

    PicoAnalogInputProvider(PicoConnection connection) {
        super(PicoloopPi4J.ANALOG_INPUT, "picoloop Pico Analog Input (" + connection.description() + ")");
        this.connection = connection;
        this.events = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("picoloop-pi4j-analog").factory());
    }

    @Override
    public int getPriority() {
        return PicoloopPi4J.PRIORITY;
    }

    @Override
    public AnalogInputProvider initialize(Context context) throws InitializeException {
        connection.acquire();
        return super.initialize(context);
    }

    /**
     * Reads the input once (so a pin with no ADC is refused here, naming the board's inputs), then
     * registers it with Pi4J.
     *
     * @throws PicoConfigException      for an address with no ADC, or a bad listener period
     * @throws IOAlreadyExistsException when the id or the Pico pin is already in use in this context
     * @throws PicoLinkException        when the board does not answer
     */
    @Override
    public synchronized AnalogInput create(AnalogInputConfig config) {
        int periodMs = PicoAnalogInput.periodMs(config);
        AdcInput input = input(config.bcm(), config.id());
        PicoPort port = connection.port();
        Object claim = input.isTemperature() ? input : PinId.gpio(input.gpio());
        return connection.register(context, config.id(), claim, "read " + input + " for " + config.id(), port, () -> {
            int value = port.readAnalog(input);
            return new PicoAnalogInput(this, config, port, input, value, periodMs, events);
        });
    }

    private static AdcInput input(Integer address, String ioId) {
        if (address == null) {
            throw new PicoPinException("picoloop: " + ioId + " has no address; set the Pico GPIO of an ADC pin"
                    + " with .bcm(n) (26, 27 or 28), or .bcm(PicoloopPi4J.TEMPERATURE_SENSOR)");
        }
        if (address == PicoloopPi4J.TEMPERATURE_SENSOR) {
            return AdcInput.TEMPERATURE;
        }
        try {
            return AdcInput.gpio(address);
        } catch (IllegalArgumentException e) {
            throw new PicoPinException("picoloop: address " + address + " of " + ioId + " is not a GPIO: "
                    + e.getMessage());
        }
    }

    void released(AdcInput input) {
        connection.unclaim(input.isTemperature() ? input : PinId.gpio(input.gpio()));
    }

    @Override
    public AnalogInputProvider shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            events.shutdown();
            connection.release();
        }
    }
}
