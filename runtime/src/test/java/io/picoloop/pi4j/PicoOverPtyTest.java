package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.testing.FirmwareOnPty;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end: a real pi4j-core context, the picoloop providers, the device client, jSerialComm on
 * a pseudo-terminal, and the bridge firmware run by CPython; the firmware's pin record is the proof.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoOverPtyTest {

    private static List<Integer> levels(FirmwareOnPty fw, String pin) throws Exception {
        return fw.pinChanges(pin).stream().map(FirmwareOnPty.PinChange::level).toList();
    }

    @Test
    void pi4jOutputsAndInputsDriveTheFirmwaresPins() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Context pico = PicoloopPi4J.newContext(PicoSource.port(fw.port()));
            DigitalOutput led = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico)
                    .bcm(25).provider(PicoloopPi4J.DIGITAL_OUTPUT)
                    .initial(DigitalState.HIGH).shutdown(DigitalState.LOW));
            led.toggle();
            led.pulse(10, TimeUnit.MILLISECONDS);
            DigitalInput button = pico.digitalInput().create(DigitalInput.newConfigBuilder(pico)
                    .bcm(14).pull(PullResistance.PULL_UP).provider(PicoloopPi4J.DIGITAL_INPUT));
            assertEquals(DigitalState.HIGH, button.state(), "pulled up, nothing pressed");
            var bad = assertThrows(PicoPinException.class, () -> pico.digitalOutput().create(24));
            assertTrue(bad.getMessage().contains(fw.port()), bad.getMessage());
            led.high();
            pico.shutdown(); // shutdown state LOW, then the port closes

            // initial HIGH (no LOW first), toggle, pulse (1 0), high, shutdown LOW
            assertEquals(List.of(1, 0, 1, 0, 1, 0), levels(fw, "25"));
        }
    }

    @Test
    void aBoardThatGoesAwayWhileAPi4jProgramRunsIsAPicoLinkException() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Context pico = PicoloopPi4J.newContext(PicoSource.port(fw.port()));
            try {
                DigitalOutput led = pico.digitalOutput().create(25);
                led.high();
                fw.kill(); // the USB cable is pulled
                var e = assertThrows(PicoLinkException.class, () -> {
                    led.low();
                    led.high(); // the first may still be in flight when the hang-up is seen
                });
                assertTrue(e.getMessage().contains(fw.port()), e.getMessage());
                assertTrue(e.getMessage().contains("DOUT-25"), e.getMessage());
            } finally {
                pico.shutdown();
            }
        }
    }
}
