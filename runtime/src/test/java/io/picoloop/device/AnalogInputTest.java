package io.picoloop.device;

import static io.picoloop.device.PwmPinTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AnalogInput#read()} on the simulator: the value, its device time, volts and degrees, and refused pins. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalogInputTest {

    private static final long START = 3_000_000_000L;

    @Test
    void aReadGivesTheValueWithItsDeviceTime() {
        AtomicLong now = new AtomicLong(START);
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, now::get);
             Pico pico = Pico.connect(sim.transport())) {
            int value = Protocol.ADC_VALUE_MAX / 3;
            sim.setAnalog("26", value);
            now.addAndGet(Duration.ofMillis(7).toNanos());
            AnalogReading r = pico.analog(26).read();
            assertEquals(AdcInput.gpio(26), r.input());
            assertEquals(value, r.value());
            assertEquals(Duration.ofMillis(7).toNanos() / 1000, r.deviceMicros(), "the simulator's clock since it started");
            assertEquals(BoardModel.ADC_REFERENCE_VOLTS / 3, r.volts(), 1e-3);
            assertTrue(r.hostNanos() <= pico.hostNanos(), "never later than its arrival");
            assertThrows(IllegalStateException.class, r::celsius, "a potentiometer has no temperature");
        }
    }

    @Test
    void theTemperatureSensorReadsInDegrees() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            double volts = BoardModel.TEMPERATURE_VOLTS_AT_27C - 10 * BoardModel.TEMPERATURE_VOLTS_PER_DEGREE;
            sim.setAnalog("temp", (int) Math.round(volts / BoardModel.ADC_REFERENCE_VOLTS * Protocol.ADC_VALUE_MAX));
            AnalogReading r = pico.temperature().read();
            assertTrue(r.input().isTemperature());
            assertEquals(37, r.celsius(), 0.1, "10 degrees above 27");
            assertEquals(r.value(), pico.analog("temp").read().value());
        }
    }

    @Test
    void pinsWithNoAdcAreRefusedOnTheHostSayingWhichHaveOne() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            refused("GP16 has no ADC: the analog inputs of a Pico are [GP26, GP27, GP28]", () -> pico.analog(16));
            refused("GP29 senses VSYS", () -> pico.analog(29));
            refused("LED has no ADC", () -> pico.analog(io.picoloop.protocol.PinId.LED));
            refused("60000 ms", () -> pico.analog(26).stream(Duration.ofMillis(Protocol.STREAM_PERIOD_MAX_MS + 1)));
            refused("1 to", () -> pico.analog(26).stream(Duration.ZERO));
        }
    }
}
