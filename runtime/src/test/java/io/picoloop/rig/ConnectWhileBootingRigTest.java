package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.device.DeviceOptions;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.SerialTransport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A student plugs a Pico in and runs a command at once: USB is up, the bridge is still being
 * compiled. Connecting with the default options waits for it (Handshake's boot allowance).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectWhileBootingRigTest {

    @Test
    void connectingRightAfterUsbComesUpBlinks() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridge();
             Pico pico = Pico.connect(SerialTransport.open(board.port()), DeviceOptions.defaults())) {
            OutputPin led = pico.output(25);
            led.on();
            led.off();
            led.on();
            pico.allOff();
            assertEquals(List.of(0, 1, 0, 1, 0), board.outputChanges(25).stream().map(EmulatedPico.LogLine::level).toList(),
                    board.emulatorLog());
        }
    }
}
