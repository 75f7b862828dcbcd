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

    /** Every output was driven low ({@code off}). */
    record AllLow() implements PinEffect {
    }
}
