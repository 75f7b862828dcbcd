package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.pwm.Pwm;
import io.picoloop.device.Pico;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pi4J PWM through a real pi4j-core context, over the device client, to the simulated Pico. */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoPwmTest {

    private final Context pi4j = PicoloopPi4J.newContext(PicoSource.simulated());
    private final SimulatedPico sim = PicoloopPi4J.simulatorOf(pi4j);

    @AfterEach
    void shutdown() {
        if (!pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }

    private Pwm pwm(int address, int hz) {
        return pi4j.pwm().create(Pwm.newConfigBuilder(pi4j).bcm(address).frequency(hz).provider(PicoloopPi4J.PWM));
    }

    /** The board's duty for {@code fraction} set through picoloop's own API: the rule, not a figure. */
    static int boardDuty(double fraction) {
        try (SimulatedPico other = SimulatedPico.start(SimulatedPico.modelNamed("pico")); Pico pico = Pico.connect(other.transport())) {
            pico.pwm(16).duty(fraction);
            return other.pwmDuty("16").orElseThrow();
        }
    }

    @Test
    void theContextsPwmProviderIsPicoloops() {
        assertEquals(PicoloopPi4J.PWM, pi4j.provider(IOType.PWM).id());
    }

    @Test
    void aDutyCycleInPercentRunsOnTheBoardAndOffDrivesThePinLow() {
        Pwm led = pwm(16, 1000);
        assertEquals(OptionalInt.of(0), sim.pwmDuty("16"), "created low: duty 0 until on()");
        led.on(25);
        assertTrue(led.isOn());
        assertEquals(OptionalInt.of(boardDuty(0.25)), sim.pwmDuty("16"));
        assertEquals(OptionalInt.of(1000), sim.pwmFrequency("16"));

        led.off();
        assertFalse(led.isOn());
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"), "no longer PWM");
        assertEquals(OptionalInt.of(0), sim.level("16"), "a plain output driven low");
    }

    @Test
    void whileOnANewDutyOrFrequencyReachesTheBoardWhileOffItWaitsForOn() {
        Pwm led = pwm(16, 1000);
        led.on(50);
        led.dutyCycle(75);
        assertEquals(OptionalInt.of(boardDuty(0.75)), sim.pwmDuty("16"));
        led.frequency(2000);
        assertEquals(OptionalInt.of(2000), sim.pwmFrequency("16"));
        assertEquals(OptionalInt.of(boardDuty(0.75)), sim.pwmDuty("16"), "the duty is kept");

        led.off();
        led.dutyCycle(10);
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"), "off stays off");
        led.on();
        assertEquals(OptionalInt.of(boardDuty(0.10)), sim.pwmDuty("16"));
        assertEquals(OptionalInt.of(2000), sim.pwmFrequency("16"));
    }

    @Test
    void aFrequencyOrDutyOutsideTheChipsRangeIsOneClearMessageWithTheRange() {
        var e = assertThrows(PicoConfigException.class, () -> pwm(16, Protocol.PWM_FREQ_MIN_HZ - 1));
        assertTrue(e.getMessage().contains(Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ + " Hz"),
                e.getMessage());
        assertTrue(pi4j.registry().all().isEmpty());
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"), "the board was not asked");

        Pwm led = pwm(16, 1000);
        led.on(40);
        var f = assertThrows(PicoConfigException.class, () -> led.frequency(Protocol.PWM_FREQ_MAX_HZ + 1));
        assertTrue(f.getMessage().contains(String.valueOf(Protocol.PWM_FREQ_MAX_HZ)), f.getMessage());
        var d = assertThrows(PicoConfigException.class, () -> led.dutyCycle(101));
        assertTrue(d.getMessage().contains("0 to 100"), d.getMessage());
        assertEquals(OptionalInt.of(1000), sim.pwmFrequency("16"), "the running PWM is left as it was");
        assertEquals(OptionalInt.of(boardDuty(0.40)), sim.pwmDuty("16"));
    }

    @Test
    void aSecondFrequencyOnOnePwmSliceNamesTheOtherPin() {
        Pwm a = pwm(16, 1000);
        a.on(50);
        Pwm b = pwm(17, 1000);          // GP16 and GP17 share slice 0
        b.on(50);
        var e = assertThrows(PicoPinException.class, () -> b.frequency(2000));
        assertTrue(e.getMessage().contains("GP16"), e.getMessage());
        assertEquals(OptionalInt.of(1000), sim.pwmFrequency("16"));
    }

    @Test
    void shutdownLeavesTheOutputLowAndFreesThePin() {
        Pwm led = pwm(16, 1000);
        led.on(60);
        pi4j.shutdown(led.id());
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"));
        assertEquals(OptionalInt.of(0), sim.level("16"));
        Pwm again = pwm(16, 500);
        again.on(20);
        assertEquals(OptionalInt.of(500), sim.pwmFrequency("16"));

        pi4j.shutdown();
        assertEquals(OptionalInt.of(0), sim.level("16"), "the context's end: low");
    }

    @Test
    void withoutAnIdAPwmIsNamedAfterItsGpioLikeADigitalOutput() {
        Pwm a = pwm(16, 1000);
        Pwm b = pwm(20, 1000);
        assertEquals(List.of("PWM-16", "PWM-20"), List.of(a.id(), b.id()));
        assertTrue(pi4j.registry().exists("PWM-20"));
        var e = assertThrows(PicoConfigException.class, () -> b.dutyCycle(-1));
        assertTrue(e.getMessage().contains("PWM-20"), e.getMessage());
    }

    @Test
    void aPinInUseAsADigitalOutputIsRefused() {
        pi4j.digitalOutput().create(16);
        assertThrows(com.pi4j.io.exception.IOAlreadyExistsException.class, () -> pwm(16, 1000));
    }
}
