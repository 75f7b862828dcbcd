package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.analog.AnalogInput;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import io.picoloop.protocol.Protocol;
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

    /** read_u16 keeps the chip's 12 bits: a value set comes back to within one step of them. */
    private static final int ADC_STEP = 1 << 4;

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
    void pi4jPwmAndAnalogInputDriveAndReadTheFirmware() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Context pico = PicoloopPi4J.newContext(PicoSource.port(fw.port()));
            try {
                Pwm led = pico.pwm().create(Pwm.newConfigBuilder(pico).id("led").bcm(16).frequency(1000)
                        .provider(PicoloopPi4J.PWM));
                led.on(25);
                FirmwareOnPty.PwmChange set = fw.pwmChanges(16).getLast();
                assertEquals(List.of(1000, PicoPwmTest.boardDuty(0.25)), List.of(set.frequencyHz(), set.duty()));
                led.off();
                FirmwareOnPty.PwmChange off = fw.pwmChanges(16).getLast();
                assertEquals(List.of(0, 0), List.of(off.frequencyHz(), off.duty()), "stopped");
                var bad = assertThrows(PicoConfigException.class, () -> led.frequency(Protocol.PWM_FREQ_MAX_HZ + 1));
                assertTrue(bad.getMessage().contains(Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ),
                        bad.getMessage());

                AnalogInput pot = pico.analogInput().create(AnalogInput.newConfigBuilder(pico).bcm(26)
                        .load(java.util.Map.of(PicoAnalogInput.PERIOD_PROPERTY, "10"))
                        .provider(PicoloopPi4J.ANALOG_INPUT).build());
                var values = new java.util.concurrent.LinkedBlockingQueue<Integer>();
                pot.addListener(e -> values.add(e.value()));
                int value = Protocol.ADC_VALUE_MAX * 3 / 5;
                fw.setAnalog("26", value);
                Integer seen = values.poll(10, TimeUnit.SECONDS);
                // the firmware's read_u16 keeps the chip's 12 bits
                while (seen != null && Math.abs(seen - value) > ADC_STEP) {
                    seen = values.poll(10, TimeUnit.SECONDS);
                }
                assertNotNull(seen, "a sample of the value set came to the listener");
                assertEquals(value, pot.value(), ADC_STEP);
            } finally {
                pico.shutdown();
            }
            FirmwareOnPty.PwmChange last = fw.pwmChanges(16).getLast();
            assertEquals(0, last.duty(), "the context's end leaves GP16 low");
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
