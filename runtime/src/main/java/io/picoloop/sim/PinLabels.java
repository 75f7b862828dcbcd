package io.picoloop.sim;

import io.picoloop.config.BoardProfile;
import io.picoloop.protocol.PinId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a panel calls a pin and what colour it lights in, from a board profile: the profile's name
 * ({@code red} for {@code pin.red=16}), {@code LED} for the onboard LED, {@code GP5} for a pin the
 * profile does not name. A lit pin whose name is a colour (red, yellow, green, blue, white) is drawn
 * in that colour, the onboard LED in green (its colour on a Pico); the others in the terminal's own.
 */
public final class PinLabels {

    /** ANSI SGR foreground codes of the colours an LED is named after. */
    private static final Map<String, String> COLOURS = Map.of("red", "31", "green", "32", "yellow", "33",
            "blue", "34", "white", "37");

    private final Map<PinId, String> names = new HashMap<>();
    private final PinId onboardLed;

    private PinLabels(BoardProfile profile, PinId onboardLed) {
        this.onboardLed = onboardLed;
        // sorted names: a pin with two names gets the first, the same every run
        new TreeMap<>(profile.pins()).forEach((name, token) -> PinId.parse(token).ifPresent(p -> {
            PinId wired = p.isLed() ? onboardLed : p;
            if (!wired.equals(onboardLed)) {
                names.putIfAbsent(wired, name);
            }
        }));
    }

    /** @param onboardLed the onboard LED's own pin on this board: GP25 on a Pico, {@link PinId#LED} on a Pico W */
    public static PinLabels of(BoardProfile profile, PinId onboardLed) {
        return new PinLabels(profile, onboardLed);
    }

    /** The profile's name for the pin, {@code LED} for the onboard LED, else {@code GP16}. */
    public String name(PinId pin) {
        if (pin.equals(onboardLed) || pin.isLed()) {
            return "LED";
        }
        return names.getOrDefault(pin, pin.toString());
    }

    /** The ANSI SGR code the pin lights in ({@code 31} for red), or null for the terminal's own colour. */
    public String colour(PinId pin) {
        if (pin.equals(onboardLed) || pin.isLed()) {
            return COLOURS.get("green");
        }
        return Optional.ofNullable(names.get(pin)).map(n -> COLOURS.get(n.toLowerCase(Locale.ROOT))).orElse(null);
    }
}
