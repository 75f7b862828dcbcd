package io.picoloop.pi4j;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.PinSet;
import java.util.Set;

/**
 * Turns a Pi4J address (the {@code bcm} number of a config) into a pin of the Pico: a free GPIO,
 * or, for {@link PicoloopPi4J#ONBOARD_LED} on a board whose LED is not a GPIO (Pico W), its LED.
 */
final class PicoAddresses {

    private PicoAddresses() {
    }

    /**
     * The pin for {@code address}.
     *
     * @param output whether the pin is for an output (the onboard LED, 25, cannot be an input)
     * @throws PicoPinException when the address is missing or not a pin this board can offer
     */
    static PinId check(Integer address, String ioId, boolean output, PicoPort port) {
        if (address == null) {
            throw new PicoPinException("picoloop: " + ioId + " has no address; set the Pico GPIO number"
                    + " with .bcm(n) (e.g. .bcm(16) for GP16, .bcm(PicoloopPi4J.ONBOARD_LED) for the onboard LED)");
        }
        Set<Integer> free = port.freePins();
        // On a Pico W, GP25 is the radio's chip select and never a user GPIO, so 25 can only mean
        // the LED: a lab sheet's "the LED is 25" then works on every model.
        if (address == PicoloopPi4J.ONBOARD_LED) {
            if (!output) {
                // a Pico's GP25 is not on the header either: as an input it would read only the LED
                throw new PicoPinException("picoloop: address " + address + " of " + ioId + " is the onboard LED"
                        + " of the " + port.model() + " at " + port.description() + ", which can only be an output"
                        + (port.ledIsSeparate() ? " (it belongs to the wireless chip)" : " (GP25 is not on the header)")
                        + "; for an input use a free GPIO: " + PinSet.format(free.stream()
                                .filter(g -> g != PicoloopPi4J.ONBOARD_LED).collect(java.util.stream.Collectors.toSet())));
            }
            if (port.ledIsSeparate()) {
                return PinId.LED;
            }
        }
        if (!free.contains(address)) {
            throw new PicoPinException("picoloop: address " + address + " of " + ioId + " is not a free GPIO"
                    + " on the " + port.model() + " at " + port.description()
                    + BoardModel.ofMachine(port.model()).whyNotFree(address).map(why -> " (" + why + ")").orElse("")
                    + "; free GPIO: " + PinSet.format(free));
        }
        return PinId.gpio(address);
    }
}
