package io.picoloop.pi4j;

import io.picoloop.protocol.PinSet;
import java.util.Set;

/** Checks a Pi4J address (the {@code bcm} number of a config) against the Pico's free GPIO. */
final class PicoAddresses {

    private PicoAddresses() {
    }

    /**
     * The GPIO for {@code address}.
     *
     * @throws PicoPinException when the address is missing or not a free GPIO of this board
     */
    static int check(Integer address, String ioId, PicoPort port) {
        if (address == null) {
            throw new PicoPinException("picoloop: " + ioId + " has no address; set the Pico GPIO number"
                    + " with .bcm(n) (e.g. .bcm(25) for the onboard LED of a Pico)");
        }
        Set<Integer> free = port.freePins();
        if (!free.contains(address)) {
            throw new PicoPinException("picoloop: address " + address + " of " + ioId + " is not a free GPIO"
                    + " on the " + port.model() + " at " + port.description() + why(address)
                    + "; free GPIO: " + PinSet.format(free));
        }
        return address;
    }

    private static String why(int gpio) {
        return switch (gpio) {
            case 23 -> " (GP23 sets the power-supply mode)";
            case 24 -> " (GP24 senses VBUS)";
            case 25 -> " (on a Pico W GP25 belongs to the wireless chip)";
            case 29 -> " (GP29 senses VSYS)";
            default -> gpio < 0 || gpio > 29 ? " (a Pico has GPIO 0 to 29)" : "";
        };
    }
}
