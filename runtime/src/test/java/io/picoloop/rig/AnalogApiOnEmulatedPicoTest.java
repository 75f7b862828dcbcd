package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.AnalogReading;
import io.picoloop.device.AnalogStream;
import io.picoloop.device.Pico;
import io.picoloop.device.PwmPin;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java API for PWM and analog input on real MicroPython v1.28.0 on the emulated RP2040
 * (../shared/rp2040): a value the rig puts on ADC channel 0 read through {@code pico.analog(26)},
 * a stream's samples with the bridge's device times, and a PWM output's edges in the GPIO log.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalogApiOnEmulatedPicoTest {

    /** What the rig's 12-bit conversion of {@code raw} reads as read_u16. */
    private static int u16(int raw) {
        return raw << 4 | raw >> 8;
    }

    @Test
    void readStreamAndPwmThroughTheJavaApi() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridgeBooted();
             Pico pico = Pico.connect(SerialTransport.open(board.port()))) {
            int raw = 2048;
            board.ctl("adc", "0", Integer.toString(raw));
            AnalogReading r = pico.analog(26).read();
            assertEquals(u16(raw), r.value());
            assertTrue(r.deviceMicros() > 0);
            assertTrue(r.hostNanos() <= pico.hostNanos());

            Duration period = Duration.ofMillis(10);
            long periodMicros = period.toNanos() / 1000;
            try (AnalogStream s = pico.analog(26).stream(period)) {
                long previousSeq = 0;
                for (int taken = 0; taken < 20; taken++) {
                    AnalogReading sample = s.await();
                    assertEquals(u16(raw), sample.value());
                    long k = (sample.deviceMicros() - s.startMicros()) / periodMicros;
                    long late = sample.deviceMicros() - (s.startMicros() + k * periodMicros);
                    assertTrue(k >= 1 && late >= 0 && late < periodMicros,
                            "taken in the period it was due: " + sample + ", start " + s.startMicros());
                    assertTrue(sample.seq() > previousSeq, "one rising sequence");
                    previousSeq = sample.seq();
                }
                assertEquals(0, pico.linkGaps(), "samples are no gap");
            }

            PwmPin led = pico.pwm(16);
            led.duty(0.25);
            long runMicros = 50_000;
            long until = pico.ping().deviceMicros() + runMicros;
            while (pico.ping().deviceMicros() < until) {
                Thread.sleep(20);
            }
            led.off();
            long edges = board.outputChanges(16).size();
            long periods = runMicros * PwmPin.DEFAULT_FREQUENCY_HZ / 1_000_000;
            assertTrue(edges >= 2 * periods * 4 / 5, edges + " changes of GP16 in " + periods + " PWM periods");
            assertEquals(0, board.lastLevel(16), "off leaves it low");
        }
    }
}
