package io.picoloop.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 */
public record BoardProfile(String board, Map<String, String> pins, int baud, int usbVendorId,
                           Duration requestTimeout, Duration handshakeTimeout) {

    public BoardProfile {
        pins = Map.copyOf(pins);
    }

    /**
     * The pin token for what a user typed: a name from the profile ("red" → "16"), or the text
     * itself (a GPIO number, "GP25", "LED") for the device to validate.
     */
    public String resolvePin(String nameOrNumber) {
        String key = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(pins.get(key)).orElse(nameOrNumber.trim());
    }
}
