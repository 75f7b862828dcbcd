package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * PinId and AdcInput write their equals and hashCode by hand (a record's own are bootstrapped at
 * run time, at every start): they still compare as the records' own would, by the GPIO alone.
 */
class PinValueEqualityTest {

    @Test
    void pinsAreEqualByTheirGpio() {
        assertEquals(PinId.gpio(25), PinId.parse("GP25").orElseThrow());
        assertEquals(PinId.gpio(25).hashCode(), PinId.parse("25").orElseThrow().hashCode());
        assertEquals(PinId.LED, PinId.parse("led").orElseThrow());
        assertNotEquals(PinId.gpio(25), PinId.LED);
        assertNotEquals(PinId.gpio(16), PinId.gpio(17));
        assertNotEquals(PinId.gpio(26), AdcInput.gpio(26));
        assertNotEquals(PinId.gpio(0), null);
    }

    @Test
    void analogInputsAreEqualByTheirGpio() {
        assertEquals(AdcInput.gpio(26), AdcInput.parse("GP26").orElseThrow());
        assertEquals(AdcInput.gpio(26).hashCode(), AdcInput.parse("26").orElseThrow().hashCode());
        assertEquals(AdcInput.TEMPERATURE, AdcInput.parse("temp").orElseThrow());
        assertNotEquals(AdcInput.TEMPERATURE, AdcInput.gpio(26));
        assertNotEquals(AdcInput.gpio(27), AdcInput.gpio(28));
    }
}
