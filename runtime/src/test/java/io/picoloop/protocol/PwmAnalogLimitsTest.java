package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The PWM and ADC limits are stated once for the host (Protocol) and once for the firmware: the two
 * agree, and docs/protocol.md states them. Which pins have an ADC or a PWM slice is the board
 * models' (BoardModelAgreementTest).
 */
class PwmAnalogLimitsTest {

    private static String firmware(String file) throws IOException {
        return Files.readString(ProtocolVectors.repoRoot().resolve("bridge-firmware").resolve(file));
    }

    private static int constant(String source, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " = const\\((\\d+)\\)").matcher(source);
        assertTrue(m.find(), name + " = const(...) not found");
        return Integer.parseInt(m.group(1));
    }

    @Test
    void hostAndFirmwareStateTheSameLimits() throws IOException {
        String pwm = firmware("bridge_pwm.py");
        assertEquals(Protocol.PWM_FREQ_MIN_HZ, constant(pwm, "FREQ_MIN_HZ"));
        assertEquals(Protocol.PWM_FREQ_MAX_HZ, constant(pwm, "FREQ_MAX_HZ"));
        assertEquals(Protocol.PWM_DUTY_MAX, constant(pwm, "DUTY_MAX"));
        assertEquals(Protocol.PWM_RUN_MAX_MS, constant(pwm, "RUN_MAX_MS"));
        assertEquals(Protocol.FADE_STEP_MS, constant(pwm, "FADE_STEP_MS"));
        assertEquals(Protocol.TONE_DUTY, constant(pwm, "TONE_DUTY"));
        String adc = firmware("bridge_adc.py");
        assertEquals(Protocol.STREAM_PERIOD_MIN_MS, constant(adc, "PERIOD_MIN_MS"));
        assertEquals(Protocol.STREAM_PERIOD_MAX_MS, constant(adc, "PERIOD_MAX_MS"));
    }

    @Test
    void theProtocolDocumentStatesThem() throws IOException {
        String doc = Files.readString(ProtocolVectors.repoRoot().resolve("docs/protocol.md"));
        for (String s : new String[] {
                Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ + " Hz",
                "0 to " + Protocol.PWM_DUTY_MAX,
                "1 to " + Protocol.PWM_RUN_MAX_MS + " ms",
                Protocol.STREAM_PERIOD_MIN_MS + " to " + Protocol.STREAM_PERIOD_MAX_MS + " ms",
                "every " + Protocol.FADE_STEP_MS + " ms",
                "| " + Protocol.ANALOG_FIRMWARE + " | 1 |"}) {
            assertTrue(doc.contains(s), "docs/protocol.md does not say \"" + s + "\"");
        }
    }
}
