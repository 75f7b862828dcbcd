package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.EmulatedPico;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code picoloop pwm} and {@code demo dimmer} on real MicroPython (the emulated RP2040 in
 * ../shared/rp2040): the duty measured from the board's own GPIO log (each level the PWM slice puts
 * on the pin, in emulated microseconds), and the pin low at the end. One board for both (a boot is
 * seconds of device time).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PwmDimmerRigTest {

    @Test
    void pwmSetsTheMeasuredDutyAndTheDimmersLedFollowsThePot(@TempDir Path dir) throws Exception {
        EmulatedPico.assumeAvailable();
        Path profile = Files.writeString(dir.resolve("rig.properties"), "serial.handshake-timeout-ms=20000\n");
        try (EmulatedPico board = EmulatedPico.withBridgeBooted()) {
            CliRun pwm = CliRun.of("pwm", "--pin", "16", "--duty", "25%", "--duration", "500ms", "--port", board.port(),
                    "--config", profile.toString());
            assertEquals(0, pwm.exitCode(), pwm.toString());
            assertHighShare(board, 16, 0.25, pwm);
            assertEquals(0, board.lastLevel(16), "pwm leaves GP16 low: " + pwm);

            // ADC channel 0 (GP26) at 12 bits, as read_u16 scales them; the LED's duty is that value
            int raw = 3072;
            board.ctl("adc", "0", Integer.toString(raw));
            double pot = (raw << 4 | raw >> 8) / (double) Protocol.ADC_VALUE_MAX;
            CliRun dimmer = CliRun.of("demo", "dimmer", "--pot", "26", "--led", "20", "--duration", "1s",
                    "--port", board.port(), "--config", profile.toString());
            assertEquals(0, dimmer.exitCode(), dimmer.toString());
            assertHighShare(board, 20, pot, dimmer);
            assertEquals(0, board.lastLevel(20), "the dimmer leaves GP20 low: " + dimmer);
        }
    }

    /** Most whole PWM periods on {@code pin} are high for {@code share} of the period (1 kHz: 1000 us). */
    private static void assertHighShare(EmulatedPico board, int pin, double share, CliRun run) throws Exception {
        List<EmulatedPico.LogLine> ch = board.outputChanges(pin);
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i + 2 < ch.size(); i++) {
            if (ch.get(i).level() == 1 && ch.get(i + 1).level() == 0 && ch.get(i + 2).level() == 1) {
                long period = ch.get(i + 2).emuMicros() - ch.get(i).emuMicros();
                assertEquals(1_000_000 / PwmFrequency.DEFAULT_HZ, period, 2, "a PWM period on GP" + pin + ": " + run);
                shares.add((ch.get(i + 1).emuMicros() - ch.get(i).emuMicros()) / (double) period);
            }
        }
        assertTrue(shares.size() >= 50, shares.size() + " periods on GP" + pin + ": " + run);
        long right = shares.stream().filter(s -> Math.abs(s - share) <= 0.003).count();
        assertTrue(right >= shares.size() * 9 / 10, right + " of " + shares.size() + " periods high for " + share
                + " of the period on GP" + pin + ": " + shares.subList(0, Math.min(20, shares.size())));
    }
}
