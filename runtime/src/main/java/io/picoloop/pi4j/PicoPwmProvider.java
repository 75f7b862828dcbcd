package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmPolarity;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmProviderBase;
import io.picoloop.protocol.PinId;

/**
 * Pi4J {@code Pwm}s on the GPIO of a Pico, id {@value PicoloopPi4J#PWM}. The config's address is
 * its {@code bcm}, the Pico GPIO number (Pi4J's {@code chip}/{@code channel} are not used: the
 * GPIO fixes the RP2040's PWM slice and channel). Every Pico PWM is hardware PWM, whatever the
 * config's {@code pwmType}. Without an id, a PWM is {@code PWM-<bcm>}, as a digital output is
 * {@code DOUT-<bcm>}. See {@link PicoPwm} for duty, frequency, on and off.
 */
public final class PicoPwmProvider extends PwmProviderBase {

    private final PicoConnection connection;

    PicoPwmProvider(PicoConnection connection) {
        super(PicoloopPi4J.PWM, "picoloop Pico PWM (" + connection.description() + ")");
        this.connection = connection;
    }

    @Override
    public int getPriority() {
        return PicoloopPi4J.PRIORITY;
    }

    @Override
    public PwmProvider initialize(Context context) throws InitializeException {
        connection.acquire();
        return super.initialize(context);
    }

    /**
     * Makes the pin a PWM output at the config's frequency ({@value io.picoloop.device.PwmPin#DEFAULT_FREQUENCY_HZ}
     * Hz without one) and duty 0, so it is low until {@code on()}, then registers it with Pi4J.
     *
     * @throws PicoConfigException      for a frequency or duty the chip cannot do, or an inverted polarity
     * @throws IOAlreadyExistsException when the id or the Pico pin is already in use in this context
     * @throws PicoPinException         when the Pico cannot offer that address, or another pin of its
     *                                  PWM slice runs at another frequency (the message names it)
     * @throws PicoLinkException        when the board does not answer
     */
    @Override
    public synchronized Pwm create(PwmConfig config) {
        if (config.polarity() == PwmPolarity.INVERSED) {
            throw new PicoConfigException("picoloop: " + config.id() + " asks for INVERSED polarity, which a Pico"
                    + " PWM does not have; use NORMAL and set the duty cycle to 100 minus the one you want");
        }
        String id = id(config);
        int hz = PicoPwm.frequency(config.frequency(), id);
        if (config.dutyCycle() != null) {
            PicoPwm.percent(config.dutyCycle(), id);
        }
        return connection.register(context, id, config.bcm(), true, (port, pin) -> {
            port.pwm(pin, hz, 0);
            return new PicoPwm(this, config, id, port, pin, hz);
        });
    }

    /**
     * The config's id; without one, {@code PWM-<bcm>}: Pi4J 4.0.2 names a PWM after its channel,
     * which a Pico PWM has none of, so every PWM would be {@code PWM-null} and a second one refused.
     */
    static String id(PwmConfig config) {
        boolean unnamed = config.channel() == null && ("PWM-" + config.channel()).equals(config.id());
        return unnamed && config.bcm() != null ? "PWM-" + config.bcm() : config.id();
    }

    void released(PinId pin) {
        connection.unclaim(pin);
    }

    @Override
    public PwmProvider shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            connection.release();
        }
    }
}
