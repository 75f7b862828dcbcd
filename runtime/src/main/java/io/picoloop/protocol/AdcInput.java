package io.picoloop.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * An analog input as the protocol names it ({@code adc}, {@code stream}, {@code ! sample}): a GPIO
 * with an ADC channel ({@code 26}, {@code 27}, {@code 28}) or {@code temp}, the chip's temperature
 * sensor. Whether a GPIO has an ADC on a board is {@link io.picoloop.board.BoardModel#adcChannel}'s.
 *
 * @param gpio the GPIO number, or -1 for {@link #TEMPERATURE}
 */
public record AdcInput(int gpio) {

    /** The chip's temperature sensor (ADC channel 4, on no GPIO). */
    public static final AdcInput TEMPERATURE = new AdcInput(-1);

    public AdcInput {
        if (gpio < -1) {
            throw new IllegalArgumentException("GPIO number " + gpio + " is negative");
        }
    }

    public static AdcInput gpio(int gpio) {
        if (gpio < 0) {
            throw new IllegalArgumentException("GPIO number " + gpio + " is negative");
        }
        return new AdcInput(gpio);
    }

    public boolean isTemperature() {
        return gpio == -1;
    }

    /** Reads {@code temp}, {@code 26} or {@code GP26} (case-insensitive); empty for anything else. */
    public static Optional<AdcInput> parse(String text) {
        if (text.strip().toLowerCase(Locale.ROOT).equals(Commands.TEMPERATURE)) {
            return Optional.of(TEMPERATURE);
        }
        return PinId.parse(text).filter(p -> !p.isLed()).map(p -> new AdcInput(p.gpio()));
    }

    // by hand, as PinId's: a record's own are bootstrapped at run time
    @Override
    public boolean equals(Object other) {
        return other instanceof AdcInput a && a.gpio == gpio;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(gpio);
    }

    /** The token sent on the wire: {@code temp} or the number. */
    public String token() {
        return isTemperature() ? Commands.TEMPERATURE : Integer.toString(gpio);
    }

    /** The name shown to people: {@code GP26} or {@code the temperature sensor}. */
    @Override
    public String toString() {
        return isTemperature() ? "the temperature sensor" : "GP" + gpio;
    }
}
