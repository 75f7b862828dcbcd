package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PWM outputs and analog inputs on the simulator, on a virtual clock: the firmware's rules (bridge_pwm, bridge_adc). */
class SimulatedPicoPwmAnalogTest {

    private VirtualClockSim board;
    private SimulatedPico sim;

    @BeforeEach
    void start() throws InterruptedException {
        board = new VirtualClockSim(io.picoloop.board.BoardModel.PICO);
        sim = board.sim;
    }

    @AfterEach
    void stop() {
        board.close();
    }

    private void assertQuiet() throws InterruptedException {
        sim.pollTimers();
        String sync = board.ask("65000 ping");
        assertTrue(sync.startsWith("65000 ok "), "an unexpected line came first: " + sync);
    }

    @Test
    void pwmDutyAndFrequencyAreSeenAndOffMakesALowOutput() throws Exception {
        assertEquals("1 ok 0", board.ask("1 pwm 16 1000 16384"));
        assertEquals(OptionalInt.of(16384), sim.pwmDuty("16"));
        assertEquals(OptionalInt.of(1000), sim.pwmFrequency("GP16"));
        assertEquals(OptionalInt.empty(), sim.level("16"), "no digital level while PWM runs");
        assertEquals("2 ok 0", board.ask("2 pwm 16 off"));
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"));
        assertEquals(OptionalInt.of(0), sim.level("16"));
    }

    @Test
    void aFadeStepsOnTheBoardClockAndAToneEndsOnTime() throws Exception {
        board.ask("1 pwm 16 1000 0");
        assertEquals("2 ok 0", board.ask("2 fade 16 0 1000 100"));
        assertEquals("3 ok 0", board.ask("3 tone 19 440 200"));
        assertEquals(OptionalInt.of(Protocol.TONE_DUTY), sim.pwmDuty("19"));
        board.advanceMs(50);
        assertEquals(OptionalInt.of(500), sim.pwmDuty("16"));
        board.advanceMs(25);
        assertEquals(OptionalInt.of(750), sim.pwmDuty("16"));
        board.advanceMs(25);
        assertEquals(OptionalInt.of(1000), sim.pwmDuty("16"));
        board.advanceMs(99);
        assertEquals(OptionalInt.of(Protocol.TONE_DUTY), sim.pwmDuty("19"));
        board.advanceMs(1);
        assertEquals(OptionalInt.of(0), sim.pwmDuty("19"), "the tone is over: silent, still a PWM output");
        assertEquals(OptionalInt.of(440), sim.pwmFrequency("19"));
        assertQuiet();
    }

    @Test
    void streamSamplesAreDueOnTheBoardClockAndLateOnesAreLost() throws Exception {
        sim.setAnalog("26", 1234);
        assertEquals("1 ok 0", board.ask("1 stream 26 10"));
        board.advanceMs(9);
        assertQuiet();
        board.advanceMs(1);
        assertEquals("! sample 26 1234 10000 1", board.in.next());
        sim.setAnalog("26", 99);
        board.advanceMs(31); // 20 and 30 ms never taken
        assertEquals("! lost 2 2", board.in.next());
        assertEquals("! sample 26 99 41000 3", board.in.next());
        board.advanceMs(9);
        assertEquals("! sample 26 99 50000 4", board.in.next(), "still on the grid of the stream's start");
        assertEquals("2 ok", board.ask("2 stream 26 off"));
        board.advanceMs(100);
        assertQuiet();
    }

    @Test
    void adcReadsTheValueSetAndTheTemperatureSensorDefaultsTo27Degrees() throws Exception {
        sim.setAnalog("28", 65535);
        board.at(77);
        assertEquals("1 ok 65535 77", board.ask("1 adc GP28"));
        assertEquals("2 ok " + Analog.TEMP_27C + " 77", board.ask("2 adc temp"));
        assertThrows(IllegalArgumentException.class, () -> sim.setAnalog("25", 1));
        assertThrows(IllegalArgumentException.class, () -> sim.setAnalog("26", 65536));
    }

    @Test
    void aRestartForgetsPwmAndStreams() throws Exception {
        board.ask("1 pwm 16 1000 30000");
        board.ask("2 stream temp 10");
        sim.restart();
        assertTrue(board.in.next().startsWith("! boot "));
        assertEquals(OptionalInt.empty(), sim.pwmDuty("16"));
        assertEquals("3 err mode temp is not streamed; send: stream temp <period_ms>", board.ask("3 stream temp off"));
        assertTrue(board.ask("4 pwm 17 2000 1").startsWith("4 ok "), "GP16's frequency is gone with it");
    }

    @Test
    void theKeepalivesExpiryEndsPwmAndStreams() throws Exception {
        board.ask("1 pwm 16 1000 30000");
        board.ask("2 stream temp 60000");
        board.ask("3 keepalive 100");
        board.advanceMs(100);
        assertEquals("! expired 100", board.in.next());
        assertEquals(OptionalInt.of(0), sim.level("16"));
        board.advanceMs(60_000); // the stream's first sample was due now
        assertQuiet();
    }
}
