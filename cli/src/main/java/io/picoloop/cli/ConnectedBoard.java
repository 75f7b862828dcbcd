package io.picoloop.cli;

import io.picoloop.device.Pico;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import java.util.Optional;

/**
 * A board a command is connected to: the client (whose options carry the profile that names the
 * pins) and the simulator when it is simulated. Closing it drives every output low first (the safe
 * state). Not what the board says of itself ({@code BoardInfo}), nor its pin names
 * ({@code BoardProfile}), nor the model the simulator plays ({@code SimulatedPico.Board}).
 */
record ConnectedBoard(Pico pico, Optional<SimulatedPico> simulator) implements AutoCloseable {

    /** A pin as the user typed it: a profile name ("red"), a number, "GP25" or "LED". */
    PinId pin(String typed) {
        return pico.parsePin(typed);       // the client has the profile's names (DeviceOptions.profile)
    }

    /** The pin itself, whatever its name: LED is GP25 on a Pico, but its own pin on a Pico W. */
    PinId wired(PinId pin) {
        return pico.identity().wired(pin);
    }

    /** How people call the pin on this board: "GP25" (also for LED on a Pico), or "LED" on a Pico W. */
    String label(PinId pin) {
        return wired(pin).toString();
    }

    /**
     * Switches every output off, then closes the link.
     *
     * @throws OutputsUnconfirmed when the board did not answer the {@code off} (a link already
     *                            closed gets no {@code off}: there is no one left to send it to)
     */
    @Override
    public void close() {
        OutputsUnconfirmed unconfirmed = null;
        try {
            if (pico.isConnected()) {
                pico.allOff();
            }
        } catch (RuntimeException e) {
            unconfirmed = new OutputsUnconfirmed(e, pico.confirmedKeepalive());
        } finally {
            pico.closeLeavingOutputs();     // off was sent above: its failure is reported as OutputsUnconfirmed
            simulator.ifPresent(SimulatedPico::close);
        }
        if (unconfirmed != null) {
            throw unconfirmed;
        }
    }
}
