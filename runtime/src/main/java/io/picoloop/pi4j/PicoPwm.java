package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmBase;
import com.pi4j.io.pwm.PwmConfig;
import io.picoloop.device.PwmPin;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;

/**
 * A Pi4J {@link Pwm} on a Pico GPIO, run by the board's PWM ({@link PwmPin} in picoloop's API).
 *
 * <p>Pi4J's duty cycle is a whole percent, 0 to 100, sent as the fraction {@code percent / 100}
 * (the device client rounds it to the board's 0-65535); the frequency is in Hz, {@value
 * Protocol#PWM_FREQ_MIN_HZ} to {@value Protocol#PWM_FREQ_MAX_HZ}. Outside either range is a
 * {@link PicoConfigException} with the range, before anything is sent (Pi4J's own base clamps the
 * duty silently instead). {@code on()} runs the duty cycle and frequency last set; {@code off()}
 * ends PWM and drives the pin low. While on, a new duty cycle or frequency reaches the board at
 * once; while off it is kept for the next {@code on()}.
 *
 * <p>Both channels of an RP2040 PWM slice share one frequency: a frequency another pin of the
 * slice already runs at differently is refused by the board, a {@link PicoPinException} naming
 * that pin. Shutdown applies the config's {@code shutdown} value, else turns the output off; the
 * context's end drives every Pico output low anyway.
 */
final class PicoPwm extends PwmBase {

    private final PicoPort port;
    private final PinId pin;
    /** Whether the pin is a PWM output on the board (from create until off): else already low. Guarded by this. */
    private boolean running = true;

    PicoPwm(PicoPwmProvider provider, PwmConfig config, String id, PicoPort port, PinId pin, int frequencyHz) {
        super(provider, config);
        this.id = id;                       // see PicoPwmProvider#id
        this.port = port;
        this.pin = pin;
        this.frequency = frequencyHz;       // Pi4J's base starts at 100 Hz; the Pico's default is 1 kHz
    }

    /** The config's frequency, or {@link PwmPin#DEFAULT_FREQUENCY_HZ}; checked against the chip's range. */
    static int frequency(Integer hz, String ioId) {
        int f = hz == null ? PwmPin.DEFAULT_FREQUENCY_HZ : hz;
        if (f < Protocol.PWM_FREQ_MIN_HZ || f > Protocol.PWM_FREQ_MAX_HZ) {
            throw new PicoConfigException("picoloop: the PWM frequency of " + ioId + " must be "
                    + Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ + " Hz on a Pico: " + f + " Hz");
        }
        return f;
    }

    /** A Pi4J duty cycle, checked: a whole percent 0 to 100. */
    static int percent(Integer dutyCycle, String ioId) {
        if (dutyCycle == null || dutyCycle < 0 || dutyCycle > 100) {
            throw new PicoConfigException("picoloop: the duty cycle of " + ioId + " must be 0 to 100 (percent): "
                    + dutyCycle);
        }
        return dutyCycle;
    }

    @Override
    public Pwm initialize(Context context) throws InitializeException {
        return super.initialize(context);   // applies the config's duty cycle and initial value
    }

    @Override
    public synchronized void setDutyCycle(Integer dutyCycle) throws IOException {
        this.dutyCycle = percent(dutyCycle, id());
        if (onState) {
            apply();
        }
    }

    @Override
    public synchronized void setFrequency(int hz) throws IOException {
        this.frequency = frequency(hz, id());
        if (onState) {
            apply();
        }
    }

    @Override
    public synchronized Pwm on() throws IOException {
        apply();
        onState = true;
        return this;
    }

    @Override
    public synchronized Pwm off() throws IOException {
        if (!running) {
            onState = false;
            return this;           // already a plain output driven low: the board would refuse "pwm off"
        }
        try {
            port.pwmOff(pin);
            running = false;
        } catch (PicoPort.Failure f) {
            throw PicoFailures.toPi4j(f, "turn " + id() + " (" + pin + ") off", port.description());
        }
        onState = false;
        return this;
    }

    private void apply() {
        try {
            port.pwm(pin, frequency, dutyCycle / 100.0);
            running = true;
        } catch (PicoPort.Failure f) {
            throw PicoFailures.toPi4j(f, "run " + id() + " (" + pin + ") at " + dutyCycle + " % and "
                    + frequency + " Hz", port.description());
        }
    }

    @Override
    public Pwm shutdownInternal(Context context) throws ShutdownException {
        try {
            super.shutdownInternal(context);    // the config's shutdown value, if any
            if (config.shutdownValue() == null && port.isOpen()) {
                off();
            }
            return this;
        } finally {
            ((PicoPwmProvider) provider()).released(pin);
        }
    }
}
