package io.picoloop.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A board profile: named pins and serial settings, read from {@code config/board.properties}
 * or a user's copy of it.
 *
 * @param board             the board the simulator models: {@code pico} or {@code picow}
 * @param pins              pin names (lower case) to pin tokens ("16", "LED")
 * @param baud              serial baud rate (ignored by USB CDC, used by USB-UART adapters)
 * @param usbVendorId       USB vendor id of ports tried when no port is named
 * @param requestTimeout    how long to wait for each reply
 * @param handshakeTimeout  how long to wait for the handshake when probing a port
 * @param source            where it was read from, for messages ("config file lab.properties")
 */
public record BoardProfile(String board, Map<String, String> pins, int baud, int usbVendorId,
                           Duration requestTimeout, Duration handshakeTimeout, String source) {

    public BoardProfile {
        pins = Map.copyOf(pins);
    }

    /**
     * The pin token for what a user typed: a name from the profile ("red" → "16"), or the text
     * itself (a GPIO number, "GP25", "LED") for the device to validate.
     */
    public String resolvePin(String nameOrNumber) {
        return Optional.ofNullable(pins.get(key(nameOrNumber))).orElse(nameOrNumber.trim());
    }

    /** For messages: "pin.red=16 in the default board profile" when {@code typed} is a name, else empty. */
    public Optional<String> origin(String typed) {
        String k = key(typed);
        return Optional.ofNullable(pins.get(k)).map(v -> "pin." + k + "=" + v + " in " + source);
    }

    /** The names, sorted, for messages: "button, green, led, red, yellow". */
    public String names() {
        return String.join(", ", new TreeMap<>(pins).keySet());
    }

    /**
     * A board as people spell it, to {@code pico} or {@code picow}: any case, with or without
     * {@code 2}, {@code _} or a space ("Pico", "pico2", "pico_w", "Pico 2 W"); empty if it is none.
     * The one place board names are read (profile, --board, Pi4J's property, the simulator).
     */
    public static Optional<String> boardName(String typed) {
        String b = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return switch (b) {
            case "pico", "pico2" -> Optional.of("pico");
            case "picow", "pico2w" -> Optional.of("picow");
            default -> Optional.empty();
        };
    }

    /** What {@link #boardName} takes, for messages. */
    public static final String BOARD_NAMES = "pico (also Pico 2) or picow (also Pico 2 W)";

    private static String key(String typed) {
        return typed.trim().toLowerCase(Locale.ROOT);
    }
}
