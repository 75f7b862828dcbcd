package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.provider.exception.ProviderException;
import io.picoloop.sim.SimulatedPico;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin as Pi4J finds it: {@code ServiceLoader}, configured by Pi4J properties, next to
 * {@link PiGpioStandIn} (priority 0) standing in for the Pi's own GPIO plugin.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoloopPluginTest {

    @Test
    void withoutPicoloopPropertiesThePluginRegistersNothingAndThePisProvidersStay() {
        Context pi = Pi4J.newAutoContext();
        try {
            assertEquals(PiGpioStandIn.OUTPUT_ID, pi.provider(IOType.DIGITAL_OUTPUT).id());
            assertEquals(PiGpioStandIn.INPUT_ID, pi.provider(IOType.DIGITAL_INPUT).id());
        } finally {
            pi.shutdown();
        }
    }

    @Test
    void simTrueMakesTheSimulatedPicoThisContextsDigitalIoAndProviderIdsWork() {
        Context pico = Pi4J.newContextBuilder().autoDetect()
                .property(PicoloopPi4J.PROPERTY_SIM, "true").build();
        try {
            // priority 1000 beats the stand-in's 0: one provider per I/O type in a context
            assertEquals(PicoloopPi4J.DIGITAL_OUTPUT, pico.provider(IOType.DIGITAL_OUTPUT).id());
            assertEquals(PicoloopPi4J.DIGITAL_INPUT, pico.provider(IOType.DIGITAL_INPUT).id());
            assertEquals(PicoloopPi4J.PWM, pico.provider(IOType.PWM).id());
            assertEquals(PicoloopPi4J.ANALOG_INPUT, pico.provider(IOType.ANALOG_INPUT).id());
            DigitalOutput led = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico)
                    .bcm(25).provider(PicoloopPi4J.DIGITAL_OUTPUT));
            led.high();
            SimulatedPico sim = PicoloopPi4J.simulatorOf(pico);
            assertNotNull(sim);
            assertEquals(OptionalInt.of(1), sim.level("25"));
        } finally {
            pico.shutdown();
        }
    }

    @Test
    void ioInstancesCanBeDeclaredInPropertiesToo() {
        Context pico = Pi4J.newContextBuilder().autoDetect()
                .property(PicoloopPi4J.PROPERTY_SIM, "true")
                .property("led.provider", PicoloopPi4J.DIGITAL_OUTPUT)
                .property("led.bcm", "25")
                .property("led.initial", "HIGH")
                .property("led.shutdown", "LOW")
                .build();
        try {
            DigitalOutput led = pico.create("led");
            SimulatedPico sim = PicoloopPi4J.simulatorOf(pico);
            assertEquals(OptionalInt.of(1), sim.level("25"));
            led.low();
            assertEquals(OptionalInt.of(0), sim.level("25"));
        } finally {
            pico.shutdown();
        }
    }

    @Test
    void aPortThatCannotBeOpenedIsAProviderExceptionAtCreateNamingThePort() {
        Context pico = Pi4J.newContextBuilder().autoDetect()
                .property(PicoloopPi4J.PROPERTY_PORT, "/dev/ttyNO-SUCH-PICO").build();
        try {
            var e = assertThrows(ProviderException.class, () -> pico.digitalOutput().create(25));
            assertTrue(e.getMessage().contains("/dev/ttyNO-SUCH-PICO"), e.getMessage());
        } finally {
            pico.shutdown();
        }
    }

    @Test
    void bothPortAndSimIsAProviderExceptionSayingChooseOne() {
        Context pico = Pi4J.newContextBuilder().autoDetect()
                .property(PicoloopPi4J.PROPERTY_PORT, "/dev/ttyACM0")
                .property(PicoloopPi4J.PROPERTY_SIM, "true").build();
        try {
            var e = assertThrows(ProviderException.class, () -> pico.digitalOutput().create(25));
            assertTrue(e.getMessage().contains("choose one"), e.getMessage());
        } finally {
            pico.shutdown();
        }
    }
}
