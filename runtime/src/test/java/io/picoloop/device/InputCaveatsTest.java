package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ScriptedDevice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Inputs a board cannot give as asked: refused before anything is sent, or said once. */
class InputCaveatsTest {

    private static final DeviceOptions NO_KEEPALIVE = DeviceOptions.defaults().withKeepalive(Duration.ZERO);

    /** A board whose hello names {@code model}, answering every other request ok. */
    private static ScriptedDevice board(String model) {
        String hello = ScriptedDevice.HELLO_PICO.replace("Raspberry Pi Pico with RP2040", model);
        return ScriptedDevice.afterHello(hello, l -> List.of(ScriptedDevice.id(l) + " ok"));
    }

    private static List<String> warningsOf(Pico pico) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        pico.onWarning(warnings::add);
        return warnings;
    }

    @Test
    void pullDownOnAPico2WarnsOnceOfTheErratumWithTheFix() {
        try (ScriptedDevice dev = board("Raspberry Pi Pico2 with RP2350");
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            List<String> warnings = warningsOf(pico);
            pico.input(14, Pull.DOWN);
            pico.input(15, Pull.DOWN);
            assertEquals(1, warnings.size(), warnings.toString());
            String w = warnings.getFirst();
            assertTrue(w.startsWith("pull down on GP14 of a Raspberry Pi Pico2 with RP2350: "), w);
            assertTrue(w.contains("RP2350-E9") && w.contains("wire the button to GND with pull up"), w);
            assertTrue(dev.received.contains("3 mode 15 in down"), "a caveat, not a refusal: " + dev.received);
        }
    }

    @Test
    void noCaveatForPullUpOnAPico2NorPullDownOnAnRp2040() {
        try (ScriptedDevice pico2 = board("Raspberry Pi Pico 2 W with RP2350");
             Pico p2 = Pico.connect(pico2.transport(), NO_KEEPALIVE);
             ScriptedDevice pico1 = board("Raspberry Pi Pico with RP2040");
             Pico p1 = Pico.connect(pico1.transport(), NO_KEEPALIVE)) {
            List<String> w2 = warningsOf(p2);
            List<String> w1 = warningsOf(p1);
            p2.input(14, Pull.UP);
            p2.input(15, Pull.NONE);
            p1.input(14, Pull.DOWN);
            assertEquals(List.of(), w2);
            assertEquals(List.of(), w1);
        }
    }

    @Test
    void theOnboardLedIsNoInputByEitherName() {
        try (ScriptedDevice dev = board("Raspberry Pi Pico with RP2040");
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            IllegalArgumentException led = assertThrows(IllegalArgumentException.class, () -> pico.input("LED", Pull.UP));
            assertEquals("LED cannot be an input: it is an output, not a pin on the header; use a GPIO such as 14",
                    led.getMessage());
            IllegalArgumentException gp25 = assertThrows(IllegalArgumentException.class, () -> pico.input(25, Pull.NONE));
            assertTrue(gp25.getMessage().startsWith("GP25 (the onboard LED) cannot be an input"), gp25.getMessage());
            assertEquals(List.of("1 hello"), dev.received, "refused before anything was sent");
        }
    }
}
