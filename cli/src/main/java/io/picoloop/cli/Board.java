package io.picoloop.cli;

import io.picoloop.config.BoardProfile;
import io.picoloop.device.Pico;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import java.util.Optional;

/**
 * A connected board for one command: the client, the profile that names its pins, and the
 * simulator when it is simulated. Closing it drives every output low first (the safe state).
 */
record Board(Pico pico, BoardProfile profile, Optional<SimulatedPico> simulator) implements AutoCloseable {

    /** A pin as the user typed it: a profile name ("red"), a number, "GP25" or "LED". */
    PinId pin(String typed) {
        return pico.parsePin(typed);       // the client has the profile's names (DeviceOptions.profile)
    }

    /** The pin itself, whatever its name: LED is GP25 on a Pico, but its own pin on a Pico W. */
    PinId wired(PinId pin) {
        return pin.isLed() ? PinId.parse(pico.boardInfo().ledToken()).orElse(pin) : pin;
    }

    /** How people call the pin on this board: "GP25" (also for LED on a Pico), or "LED" on a Pico W. */
    String label(PinId pin) {
        return wired(pin).toString();
    }

    @Override
    public void close() {
        try {
            if (pico.isConnected()) {
                pico.allOff();
            }
        } catch (RuntimeException e) {
            // the link is gone: nothing left to switch off from here
        } finally {
            pico.close();
            simulator.ifPresent(SimulatedPico::close);
        }
    }
}
