package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.ScriptedDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** {@link PwmPin} on the simulator: duty, frequency, off, fade and tone, and what the host refuses itself. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PwmPinTest {

    @Test
    void dutyFrequencyAndOffReachTheBoard() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            PwmPin led = pico.pwm(16);
            assertEquals(OptionalInt.of(PwmPin.DEFAULT_FREQUENCY_HZ), sim.pwmFrequency("16"));
            assertEquals(OptionalInt.of(0), sim.pwmDuty("16"), "a new PWM output starts dark");
            led.duty(0.25);
            int quarter = (int) Math.round(Protocol.PWM_DUTY_MAX * 0.25);
            assertEquals(OptionalInt.of(quarter), sim.pwmDuty("16"));
            assertEquals(0.25, led.duty(), 1.0 / Protocol.PWM_DUTY_MAX);
            led.frequency(2 * PwmPin.DEFAULT_FREQUENCY_HZ);
            assertEquals(OptionalInt.of(2 * PwmPin.DEFAULT_FREQUENCY_HZ), sim.pwmFrequency("16"));
            assertEquals(OptionalInt.of(quarter), sim.pwmDuty("16"), "a new frequency keeps the duty");
            led.dutyU16(Protocol.PWM_DUTY_MAX);
            assertEquals(OptionalInt.of(Protocol.PWM_DUTY_MAX), sim.pwmDuty("16"));
            led.off();
            assertEquals(OptionalInt.empty(), sim.pwmDuty("16"), "off: no longer a PWM output");
            assertEquals(OptionalInt.of(0), sim.level("16"), "off: driven low");
            assertEquals(0, led.dutyU16());
            led.duty(0.5);
            assertEquals(OptionalInt.of(2 * PwmPin.DEFAULT_FREQUENCY_HZ), sim.pwmFrequency("16"),
                    "a duty after off starts PWM again at the frequency last set");
            assertSame(led, pico.pwm(16), "one handle per pin");
            assertEquals(OptionalInt.of(0), sim.pwmDuty("16"), "asking again starts it afresh");
        }
    }

    @Test
    void theSafeStateReachesTheHandles() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            PwmPin a = pico.pwm(16);
            PwmPin b = pico.pwm(19, 440);
            a.duty(0.5);
            b.duty(1.0);
            pico.allOff();
            assertEquals(0, a.dutyU16(), "allOff drove it low: the handle knows");
            assertEquals(0, b.dutyU16());
            assertEquals(OptionalInt.empty(), sim.pwmDuty("19"));
            b.frequency(880);
            assertEquals(OptionalInt.of(0), sim.pwmDuty("19"), "a new frequency after the safe state stays dark");
            pico.output(16);
            a.duty(0.5);
            pico.output(16);
            assertEquals(0, a.dutyU16(), "another role for the pin ends its PWM");
        }
    }

    @Test
    void aSecondFrequencyOnOneSliceIsRefusedNamingTheOtherPin() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            pico.pwm(16, 1000);
            DeviceErrorException e = assertThrows(DeviceErrorException.class, () -> pico.pwm(17, 2000));
            assertEquals(Commands.ERR_PIN, e.code());
            assertTrue(e.getMessage().contains("GP16"), e.getMessage());
        }
    }

    @Test
    void fadeAndToneRunOnTheBoardsClock() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, now::get);
             Pico pico = Pico.connect(sim.transport())) {
            PwmPin led = pico.pwm(16);
            led.fade(0, 1, Duration.ofSeconds(1));
            assertEquals(Protocol.PWM_DUTY_MAX, led.dutyU16(), "the handle holds where the fade ends");
            now.addAndGet(Duration.ofMillis(500).toNanos());
            sim.pollTimers();
            int half = sim.pwmDuty("16").orElseThrow();
            assertEquals(Protocol.PWM_DUTY_MAX / 2.0, half, Protocol.PWM_DUTY_MAX / 50.0, "half way, half the duty");
            now.addAndGet(Duration.ofMillis(600).toNanos());
            sim.pollTimers();
            assertEquals(OptionalInt.of(Protocol.PWM_DUTY_MAX), sim.pwmDuty("16"));

            PwmPin buzzer = pico.pwm(19);
            buzzer.tone(440, Duration.ofMillis(200));
            assertEquals(OptionalInt.of(440), sim.pwmFrequency("19"));
            assertEquals(OptionalInt.of(Protocol.TONE_DUTY), sim.pwmDuty("19"));
            now.addAndGet(Duration.ofMillis(250).toNanos());
            sim.pollTimers();
            assertEquals(OptionalInt.of(0), sim.pwmDuty("19"), "the tone ended by the board's clock");
            assertEquals(0, buzzer.dutyU16());
        }
    }

    @Test
    void badRangesAreRefusedOnTheHostWithTheRange() {
        List<String> sent = new ArrayList<>();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(ScriptedDevice.HELLO_PICO, l -> {
            sent.add(l);
            return List.of(ScriptedDevice.id(l) + " ok 5");
        }); Pico pico = Pico.connect(dev.transport())) {
            PwmPin p = pico.pwm(16);
            int before = sent.size();
            refused("10 to 1000000 Hz", () -> p.frequency(Protocol.PWM_FREQ_MIN_HZ - 1));
            refused("10 to 1000000 Hz", () -> pico.pwm(16, Protocol.PWM_FREQ_MAX_HZ + 1));
            refused("0.0 (always low) to 1.0", () -> p.duty(1.5));
            refused("0.0 (always low) to 1.0", () -> p.duty(Double.NaN));
            refused("0 (always low) to 65535", () -> p.dutyU16(Protocol.PWM_DUTY_MAX + 1));
            refused("1 to 600000 ms", () -> p.fade(0, 1, Duration.ZERO));
            refused("1 to 600000 ms", () -> p.tone(440, Duration.ofMillis(Protocol.PWM_RUN_MAX_MS + 1)));
            refused("whole ms", () -> p.tone(440, Duration.ofNanos(1_500_000)));
            refused("GP29 senses VSYS", () -> pico.pwm(29));
            assertEquals(before, sent.size(), "nothing was sent: " + sent.subList(before, sent.size()));
        }
    }

    @Test
    void aPicoWsLedIsNoPwmOutput() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO_W);
             Pico pico = Pico.connect(sim.transport())) {
            refused("wireless chip", () -> pico.pwm(io.picoloop.protocol.PinId.LED));
        }
    }

    @Test
    void anOlderBridgeIsToldToBeUpdated() {
        List<String> sent = new ArrayList<>();
        String oldHello = ScriptedDevice.HELLO_PICO.replace("fw=" + Protocol.BRIDGE_FIRMWARE, "fw=0.4.0");
        try (ScriptedDevice dev = ScriptedDevice.afterHello(oldHello, l -> {
            sent.add(l);
            return List.of(ScriptedDevice.id(l) + " ok 5");
        }); Pico pico = Pico.connect(dev.transport())) {
            for (Executable e : List.<Executable>of(() -> pico.pwm(16), () -> pico.analog(26), pico::temperature)) {
                String why = assertThrows(IllegalStateException.class, e).getMessage();
                assertTrue(why.contains("needs bridge firmware " + Protocol.ANALOG_FIRMWARE) && why.contains("runs 0.4.0")
                        && why.contains("picoloop install"), why);
            }
            assertTrue(sent.stream().noneMatch(l -> l.contains(Commands.PWM) || l.contains(Commands.ADC)), sent.toString());
        }
    }

    static void refused(String saying, Executable e) {
        String why = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(why.contains(saying), why);
    }
}
