package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.ClientWarnings;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.RepoRoot;
import io.picoloop.transport.SerialTransport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PWM, analog reads and sample streams through the real bridge firmware under CPython behind a
 * pty, its {@code machine} stand-in recording the PWM settings and serving the ADC's values.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalogOverPtyTest {

    /** read_u16 keeps the chip's 12 bits: a value set comes back to within one step of them. */
    private static final int ADC_STEP = 1 << 4;

    @BeforeEach
    void firmwareRunner() {
        assumeTrue(Files.exists(RepoRoot.get().resolve("bridge-firmware/host/run_on_pty.py")), "no firmware runner");
    }

    private static FirmwareOnPty.PwmChange lastPwm(FirmwareOnPty fw, int pin) throws Exception {
        List<FirmwareOnPty.PwmChange> changes = fw.pwmChanges(pin);
        assertTrue(!changes.isEmpty(), "no PWM setting of GP" + pin + " recorded");
        return changes.getLast();
    }

    @Test
    void pwmAdcAndAStreamThroughTheFirmware() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            PwmPin led = pico.pwm(16);
            led.duty(0.25);
            int quarter = (int) Math.round(Protocol.PWM_DUTY_MAX * 0.25);
            assertEquals(new Setting(PwmPin.DEFAULT_FREQUENCY_HZ, quarter), Setting.of(lastPwm(fw, 16)));
            led.frequency(2 * PwmPin.DEFAULT_FREQUENCY_HZ);
            assertEquals(new Setting(2 * PwmPin.DEFAULT_FREQUENCY_HZ, quarter), Setting.of(lastPwm(fw, 16)));
            led.off();
            assertEquals(new Setting(0, 0), Setting.of(lastPwm(fw, 16)), "stopped");

            int value = Protocol.ADC_VALUE_MAX * 3 / 5;
            fw.setAnalog("26", value);
            AnalogInput pot = pico.analog(26);
            AnalogReading r = waitForValue(pot, value);
            assertTrue(r.deviceMicros() > 0);

            Duration period = Duration.ofMillis(20);
            try (AnalogStream s = pot.stream(period)) {
                long previous = -1;
                for (int k = 1; k <= 3; k++) {
                    AnalogReading sample = s.await();
                    assertEquals(value, sample.value(), ADC_STEP);
                    assertTrue(sample.deviceMicros() >= s.startMicros() + k * period.toNanos() / 1000,
                            "sample " + k + " is taken when due or later: " + sample + ", start " + s.startMicros());
                    assertTrue(sample.seq() > previous);
                    previous = sample.seq();
                }
            }
            assertEquals(0, pico.linkGaps());
            pico.pwm(19).duty(1.0);
            pico.allOff();
            assertEquals(new Setting(0, 0), Setting.of(lastPwm(fw, 19)), "the safe state stops PWM");
        }
    }

    /** The runner applies a control line between the firmware's loop passes: read until it has. */
    private static AnalogReading waitForValue(AnalogInput in, int value) throws InterruptedException {
        AnalogReading r = in.read();
        for (int i = 0; i < 100 && Math.abs(r.value() - value) > ADC_STEP; i++) {
            Thread.sleep(20);
            r = in.read();
        }
        assertEquals(value, r.value(), ADC_STEP);
        return r;
    }

    @Test
    void aReplugRestoresPwmAndTheStream() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", ReconnectOverPtyTest.UID, null, "ttyPICO");
        try (Pico pico = ReconnectOverPtyTest.connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            PwmPin led = pico.pwm(16, 500);
            led.duty(0.5);
            Duration period = Duration.ofMillis(20);
            AnalogStream s = pico.temperature().stream(period);
            s.await();
            fw.kill();
            warnings.await("waiting up to");
            fw = fw.replug("ttyPICO");
            String back = warnings.await("is back on");
            assertTrue(back.contains("GP16 PWM 500 Hz") && back.contains("1 stream"), back);
            int half = (int) Math.round(Protocol.PWM_DUTY_MAX * 0.5);
            assertEquals(new Setting(500, half), Setting.of(lastPwm(fw, 16)));
            BlockingQueue<AnalogReading> after = new LinkedBlockingQueue<>();
            s.addListener(after::add);
            AnalogReading next = after.poll(10, TimeUnit.SECONDS);
            assertNotNull(next, "the stream goes on on the new boot");
            assertTrue(s.isActive());
        } finally {
            fw.close();
        }
    }

    private record Setting(int frequencyHz, int duty) {
        static Setting of(FirmwareOnPty.PwmChange c) {
            return new Setting(c.frequencyHz(), c.duty());
        }
    }
}
