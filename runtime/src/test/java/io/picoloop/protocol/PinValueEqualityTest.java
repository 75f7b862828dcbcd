package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PinId and AdcInput write their equals and hashCode by hand (a record's own are bootstrapped at
 * run time, at every start: docs/performance.md, "Start-up", run I): they still compare as the
 * records' own would, by the GPIO alone, and no method of theirs is bootstrapped.
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

    @Test
    void theirMethodsAreNotBootstrappedAtRunTime() throws IOException {
        // (PinDisplay's Shown keeps its record methods but compares by hand: it is not used as a key)
        for (String name : List.of("io/picoloop/protocol/PinId", "io/picoloop/protocol/AdcInput")) {
            try (InputStream in = PinValueEqualityTest.class.getResourceAsStream("/" + name + ".class")) {
                List<String> bootstraps = ClassFile.of().parse(in.readAllBytes()).findAttribute(Attributes.bootstrapMethods())
                        .map(a -> a.bootstrapMethods().stream().map(b -> b.bootstrapMethod().reference().owner().asInternalName()).toList())
                        .orElse(List.of());
                assertEquals(List.of(), bootstraps.stream().filter(o -> o.equals("java/lang/runtime/ObjectMethods")).toList(),
                        name + ": a record's own equals, hashCode or toString is bootstrapped at run time, at every start");
            }
        }
    }
}
