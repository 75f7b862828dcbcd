package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.analog.AnalogInput;
import com.pi4j.io.gpio.analog.AnalogValueChangeListener;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pi4J analog inputs through a real pi4j-core context, over the device client, to the simulated Pico. */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoAnalogInputTest {

    private final Context pi4j = PicoloopPi4J.newContext(PicoSource.simulated());
    private final SimulatedPico sim = PicoloopPi4J.simulatorOf(pi4j);

    @AfterEach
    void shutdown() {
        if (!pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }

    private AnalogInput analog(int address) {
        return pi4j.analogInput().create(AnalogInput.newConfigBuilder(pi4j).bcm(address)
                .provider(PicoloopPi4J.ANALOG_INPUT).build());
    }

    @Test
    void theContextsAnalogInputProviderIsPicoloops() {
        assertEquals(PicoloopPi4J.ANALOG_INPUT, pi4j.provider(IOType.ANALOG_INPUT).id());
    }

    @Test
    void valueIsTheBoardsRawReading() {
        AnalogInput pot = analog(26);
        sim.setAnalog("26", 12345);
        assertEquals(12345, pot.value());
        sim.setAnalog("26", Protocol.ADC_VALUE_MAX);
        assertEquals(Protocol.ADC_VALUE_MAX, pot.value());
    }

    @Test
    void theTemperatureSensorHasItsOwnAddress() {
        AnalogInput chip = analog(PicoloopPi4J.TEMPERATURE_SENSOR);
        sim.setAnalog("temp", 14000);
        assertEquals(14000, chip.value());
    }

    @Test
    void aPinWithNoAdcIsRefusedNamingTheBoardsInputs() {
        var e = assertThrows(PicoConfigException.class, () -> analog(16));
        assertTrue(e.getMessage().contains("GP26"), e.getMessage());
        var vsys = assertThrows(PicoConfigException.class, () -> analog(29));
        assertTrue(vsys.getMessage().contains("VSYS"), vsys.getMessage());
        assertTrue(pi4j.registry().all().isEmpty());
        analog(26);    // the refused creates claimed nothing
    }

    @Test
    void listenersGetEachChangeFromTheBoardsStreamAndTheLastRemovalStopsIt() throws Exception {
        AnalogInput pot = pi4j.analogInput().create(AnalogInput.newConfigBuilder(pi4j).bcm(27)
                .load(Map.of(PicoAnalogInput.PERIOD_PROPERTY, "5")).provider(PicoloopPi4J.ANALOG_INPUT).build());
        assertEquals(5, ((PicoAnalogInput) pot).periodMs());
        var values = new LinkedBlockingQueue<Integer>();
        AnalogValueChangeListener l = e -> values.add(e.value());
        pot.addListener(l);
        sim.setAnalog("27", 3000);
        assertEquals(3000, values.poll(10, TimeUnit.SECONDS));
        sim.setAnalog("27", 4000);
        assertEquals(4000, values.poll(10, TimeUnit.SECONDS));
        pot.removeListener(l);
        sim.setAnalog("27", 5000);
        assertEquals(5000, pot.value(), "a request still reads it");
        pot.addListener(l);  // streams again
        sim.setAnalog("27", 6000);
        Integer next = values.poll(10, TimeUnit.SECONDS);
        assertEquals(6000, next);
    }

    /** The board streams while a listener is there: once for two, stopped with the last (Pi4J's base only adds). */
    @Test
    void theStreamRunsFromTheFirstListenerToTheRemovalOfTheLast() {
        FakePicoPort port = new FakePicoPort();
        Context fake = PicoloopPi4J.newContext(port);
        try {
            AnalogInput pot = fake.analogInput().create(26);
            AnalogValueChangeListener a = e -> { };
            AnalogValueChangeListener b = e -> { };
            pot.addListener(a);
            pot.addListener(b);
            pot.removeListener(a);
            String start = "stream 26 " + PicoAnalogInput.DEFAULT_PERIOD_MS;
            assertEquals(java.util.List.of("adc 26", start), port.requests());
            pot.removeListener(b);
            assertEquals(java.util.List.of("adc 26", start, "stream 26 off"), port.requests());
        } finally {
            fake.shutdown();
        }
    }

    @Test
    void aBadListenerPeriodIsRefusedWithTheRange() {
        var e = assertThrows(PicoConfigException.class, () -> pi4j.analogInput().create(
                AnalogInput.newConfigBuilder(pi4j).bcm(26).load(Map.of(PicoAnalogInput.PERIOD_PROPERTY, "0")).build()));
        assertTrue(e.getMessage().contains(Protocol.STREAM_PERIOD_MIN_MS + " to " + Protocol.STREAM_PERIOD_MAX_MS),
                e.getMessage());
    }
}
