package io.picoloop.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.PinId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boards' descriptions against the boards' datasheets and docs/protocol.md, "Pins". */
class BoardModelTest {

    @Test
    void freeGpioAndLedAsTheProtocolDocumentsThem() {
        for (BoardModel m : List.of(BoardModel.PICO, BoardModel.PICO_2)) {
            assertEquals("0-22,25-28", m.freeGpioText(), m.name());
            assertEquals(PinId.gpio(25), m.led());
            assertEquals("25", m.ledToken());
            assertEquals(Set.of(), m.radioGpio());
            assertFalse(m.wireless());
        }
        for (BoardModel m : List.of(BoardModel.PICO_W, BoardModel.PICO_2_W)) {
            assertEquals("0-22,26-28", m.freeGpioText(), m.name());
            assertEquals(PinId.LED, m.led());
            assertEquals("LED", m.ledToken());
            assertEquals(Set.of(23, 24, 25, 29), m.radioGpio());
            assertTrue(m.wireless());
        }
    }

    @Test
    void theLedIsOnePinWhateverItsName() {
        assertTrue(BoardModel.PICO.isLed(PinId.LED));
        assertTrue(BoardModel.PICO.isLed(PinId.gpio(25)));
        assertEquals(PinId.gpio(25), BoardModel.PICO.wired(PinId.LED));
        assertTrue(BoardModel.PICO_W.isLed(PinId.LED));
        assertFalse(BoardModel.PICO_W.isLed(PinId.gpio(25)));
        assertEquals(PinId.LED, BoardModel.PICO_W.wired(PinId.LED));
        assertEquals(PinId.gpio(14), BoardModel.PICO_W.wired(PinId.gpio(14)));
    }

    @Test
    void saysWhyAPinIsNotFree() {
        assertEquals(Optional.of("GP23 sets the power-supply mode"), BoardModel.PICO.whyNotFree(23));
        assertEquals(Optional.of("GP24 senses VBUS"), BoardModel.PICO_2.whyNotFree(24));
        assertEquals(Optional.of("GP29 senses VSYS"), BoardModel.PICO.whyNotFree(29));
        assertEquals(Optional.empty(), BoardModel.PICO.whyNotFree(25));
        assertEquals(Optional.of("GP25 belongs to the wireless chip; use LED for the onboard LED"),
                BoardModel.PICO_W.whyNotFree(25));
        assertEquals(Optional.of("GP29 belongs to the wireless chip"), BoardModel.PICO_2_W.whyNotFree(29));
        assertEquals(Optional.of("a Pico has GPIO 0 to 29"), BoardModel.PICO.whyNotFree(30));
        assertEquals(Optional.of("a Pico has GPIO 0 to 29"), BoardModel.PICO_W.whyNotFree(-1));
        assertEquals(Optional.empty(), BoardModel.PICO_W.boardUse(30), "only the board's own pins have a use");
    }

    @Test
    void adcChannelsOfTheFreeGpio() {
        for (BoardModel m : BoardModel.values()) {
            assertEquals(Set.of(26, 27, 28), m.adcGpio(), m.name());
            assertEquals(OptionalInt.of(0), m.adcChannel(26));
            assertEquals(OptionalInt.of(2), m.adcChannel(28));
            assertEquals(OptionalInt.empty(), m.adcChannel(29), "GP29 is the board's, VSYS / 3");
            assertEquals(OptionalInt.empty(), m.adcChannel(22));
        }
    }

    @Test
    void pwmSliceAndChannelAsTheRp2040DatasheetTabulatesThem() {
        // RP2040 datasheet 4.5.2 (the RP2350's table is the same for GPIO 0-29)
        assertEquals("PWM 0A", BoardModel.PICO.pwm(0).toString());
        assertEquals("PWM 0B", BoardModel.PICO.pwm(1).toString());
        assertEquals("PWM 7B", BoardModel.PICO.pwm(15).toString());
        assertEquals("PWM 0A", BoardModel.PICO_2.pwm(16).toString());
        assertEquals(new PwmOutput(6, 0), BoardModel.PICO_W.pwm(28));
        assertEquals(new PwmOutput(4, 1), BoardModel.PICO.pwm(25));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardModel.PICO_W.pwm(25));
        assertEquals("GP25 is not a free GPIO on a Pico W: GP25 belongs to the wireless chip;"
                + " use LED for the onboard LED", e.getMessage());
    }

    @Test
    void modelOfTheMachineNameAsTheFirmwareTellsBoardsApart() {
        for (BoardModel m : BoardModel.values()) {
            assertEquals(m, BoardModel.ofMachine(m.machine()));
            assertEquals(m, BoardModel.ofMachine(m.machine() + " (simulated)"));
        }
        assertEquals(BoardModel.PICO_2_W, BoardModel.ofMachine("Raspberry Pi Pico 2 W with RP2350-RISCV"));
        assertEquals(BoardModel.PICO_2, BoardModel.ofMachine("Raspberry Pi Pico2 with RP2350-RISCV"));
        // other boards have " W" in their names too, and get a Pico's pins
        assertEquals(BoardModel.PICO, BoardModel.ofMachine("Machdyne Werkzeug with RP2040"));
        assertEquals(BoardModel.PICO, BoardModel.ofMachine("Raspberry Pi Pico WH with RP2040"));
        assertEquals(BoardModel.PICO, BoardModel.ofMachine("?"));
        assertEquals(BoardModel.PICO, BoardModel.ofMachine(""));
    }
}
