package io.picoloop.device;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.time.Duration;

/**
 * The host's checks of PWM and analog arguments before anything is sent ({@link PwmPin},
 * {@link AnalogInput}, {@link AnalogStream}): each refusal says the range, which comes from
 * {@link Protocol} (the wire's limits) and {@link BoardModel} (which pins can do what), so a
 * program learns what is wrong without a round trip and the bridge's own checks stay the last word.
 */
final class AnalogRules {

    /** What {@code pwm}, {@code fade}, {@code tone}, {@code adc} and {@code stream} need. */
    static final String FIRMWARE = Protocol.ANALOG_FIRMWARE;

    private AnalogRules() {
    }

    /** Refuses a bridge too old for PWM and analog input, naming {@code picoloop install}. */
    static void requireFirmware(BridgeIdentity board, String feature, String port) {
        board.requireFirmware(FIRMWARE, feature, port);
    }

    /** A pin that can be a PWM output: a free GPIO, or the LED when it is one (not on a Pico W). */
    static PinId pwmPin(BridgeIdentity board, PinId pin) {
        board.checkPin(pin);
        if (pin.isLed() && board.ledIsSeparate()) {
            throw new IllegalArgumentException("the LED of a " + board.model() + " is on the wireless chip, not a GPIO:"
                    + " PWM needs a GPIO from the header, such as 16");
        }
        return pin;
    }

    static int frequency(int hz) {
        if (hz < Protocol.PWM_FREQ_MIN_HZ || hz > Protocol.PWM_FREQ_MAX_HZ) {
            throw new IllegalArgumentException("PWM frequency must be " + Protocol.PWM_FREQ_MIN_HZ + " to "
                    + Protocol.PWM_FREQ_MAX_HZ + " Hz: " + hz + " Hz");
        }
        return hz;
    }

    /** A duty as a fraction, 0 (always low) to 1 (always high), as the wire's 0 to {@link Protocol#PWM_DUTY_MAX}. */
    static int duty(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {        // (NaN too)
            throw new IllegalArgumentException("duty must be 0.0 (always low) to 1.0 (always high): " + fraction);
        }
        return (int) Math.round(fraction * Protocol.PWM_DUTY_MAX);
    }

    static int dutyU16(int duty) {
        if (duty < 0 || duty > Protocol.PWM_DUTY_MAX) {
            throw new IllegalArgumentException("duty must be 0 (always low) to " + Protocol.PWM_DUTY_MAX
                    + " (always high): " + duty);
        }
        return duty;
    }

    /** A fade's or a tone's length in whole ms, 1 to {@link Protocol#PWM_RUN_MAX_MS}. */
    static long runMs(Duration d, String what) {
        return wholeMs(d, what, 1, Protocol.PWM_RUN_MAX_MS);
    }

    /** A stream's period in whole ms. */
    static long periodMs(Duration d) {
        return wholeMs(d, "a stream's period", Protocol.STREAM_PERIOD_MIN_MS, Protocol.STREAM_PERIOD_MAX_MS);
    }

    private static long wholeMs(Duration d, String what, long min, long max) {
        if (d.compareTo(Duration.ofMillis(min)) < 0 || d.compareTo(Duration.ofMillis(max)) > 0
                || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + " ms, in whole ms: "
                    + (d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d));
        }
        return d.toMillis();
    }

    /** An analog input of this board: a GPIO with an ADC channel, or the temperature sensor. */
    static AdcInput adcInput(BridgeIdentity board, AdcInput input) {
        if (input.isTemperature()) {
            return input;
        }
        BoardModel model = board.boardModel();
        int gpio = input.gpio();
        if (model.adcChannel(gpio).isPresent()) {
            return input;
        }
        String why = model.isFree(gpio) || model.whyNotFree(gpio).isEmpty() ? "has no ADC"
                : "is no analog input here (" + model.whyNotFree(gpio).orElseThrow() + ")";
        throw new IllegalArgumentException(input + " " + why + ": the analog inputs of a " + model.displayName()
                + " are " + model.adcGpio().stream().map(n -> "GP" + n).toList() + " and the temperature sensor"
                + " (pico.temperature())");
    }
}
