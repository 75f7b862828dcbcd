package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.SerialTransport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge on real MicroPython v1.28.0 (an emulated RP2040, ../shared/rp2040): it boots from
 * its flash, the Java client's handshake passes over the pty, and a toggle reaches the GPIO.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BridgeOnEmulatedPicoTest {

    @Test
    void toggleFromJavaReachesTheEmulatedGpio() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridgeBooted();
             Pico pico = Pico.connect(SerialTransport.open(board.port()))) {
            assertTrue(pico.identity().toString().contains("Pico"), pico.identity().toString());
            OutputPin led = pico.output(25);
            led.on();
            led.off();
            led.on();
            pico.allOff();
            List<EmulatedPico.LogLine> changes = board.outputChanges(25);
            // output() makes it an output driven low, then on, off, on, and allOff
            assertEquals(List.of(0, 1, 0, 1, 0), changes.stream().map(EmulatedPico.LogLine::level).toList(),
                    changes + "\n" + board.emulatorLog());
        }
    }
}
