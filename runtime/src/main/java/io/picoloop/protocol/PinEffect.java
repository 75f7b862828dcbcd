package io.picoloop.protocol;

/** What a confirmed request did to the board's pins ({@link Commands#pinEffects}). */
public sealed interface PinEffect {

    /** The pin became an output driven to {@code high}. */
    record Output(PinId pin, boolean high) implements PinEffect {
    }

    /** The pin became an input with that pull word. */
    record Input(PinId pin, String pull) implements PinEffect {
    }

    /** An output now drives {@code high} (a pin that is no output is unchanged). */
    record Level(PinId pin, boolean high) implements PinEffect {
    }

    /** The pin became a PWM output, or changed one ({@code pwm}; a {@code tone}, where it ends). */
    record Pwm(PinId pin, int frequencyHz, int duty) implements PinEffect {
    }

    /** A PWM output's duty, where a {@code fade} ends (a pin that is no PWM output is unchanged). */
    record Duty(PinId pin, int duty) implements PinEffect {
    }

    /** The pin became an analog input ({@code adc}): no longer an output, input or PWM output. */
    record Analog(PinId pin) implements PinEffect {
    }

    /** The board samples {@code input} every {@code periodMs} ({@code stream}); the pin is an analog input. */
    record Stream(AdcInput input, long periodMs) implements PinEffect {
    }

    /** The stream of {@code input} stopped ({@code stream <input> off}). */
    record StreamStopped(AdcInput input) implements PinEffect {
    }

    /** Every output was driven low, PWM outputs too, and every stream stopped ({@code off}). */
    record AllLow() implements PinEffect {
    }
}
