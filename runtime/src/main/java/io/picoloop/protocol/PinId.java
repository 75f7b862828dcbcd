package io.picoloop.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * A pin as the protocol names it: a GPIO number ({@code 25}, {@code GP25}) or {@code LED}, the
 * board's onboard LED (GP25 on a Pico, the wireless chip's pin on a Pico W).
 *
 * @param gpio the GPIO number, or -1 for {@link #LED}
 */
public record PinId(int gpio) {

    public static final PinId LED = new PinId(-1);

    public PinId {
        if (gpio < -1) {
            throw new IllegalArgumentException("GPIO number " + gpio + " is negative");
        }
    }

    public static PinId gpio(int gpio) {
        if (gpio < 0) {
            throw new IllegalArgumentException("GPIO number " + gpio + " is negative");
        }
        return new PinId(gpio);
    }

    public boolean isLed() {
        return gpio == -1;
    }

    /**
     * Reads {@code LED}, {@code 25} or {@code GP25} (case-insensitive). Empty for anything else,
     * including negative numbers and numbers too large for an int.
     */
    public static Optional<PinId> parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("LED")) {
            return Optional.of(LED);
        }
        if (t.startsWith("GP")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new PinId(Integer.parseInt(t)));
    }

    // equals and hashCode by hand: a record's own are bootstrapped on first use (method handles
    // spun at run time, which the JDK's AOT cache does not keep: about 10 ms of a command's start;
    // docs/performance.md, "Start-up", run I)
    @Override
    public boolean equals(Object other) {
        return other instanceof PinId p && p.gpio == gpio;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(gpio);
    }

    /** The token sent on the wire: {@code LED} or the number. */
    public String token() {
        return isLed() ? "LED" : Integer.toString(gpio);
    }

    /** The name shown to people: {@code LED} or {@code GP25}. */
    @Override
    public String toString() {
        return isLed() ? "LED" : "GP" + gpio;
    }
}
