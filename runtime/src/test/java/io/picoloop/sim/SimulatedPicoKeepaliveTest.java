package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's keepalive on a virtual clock: nothing here waits in real time. */
class SimulatedPicoKeepaliveTest {

    @Test
    void aSilentHostGetsTheSafeStateOneEventAndADisarmedBoard() throws Exception {
        try (VirtualClockSim b = new VirtualClockSim(BoardModel.PICO)) {
            assertTrue(b.ask("1 mode 25 out 1").startsWith("1 ok "));
            assertTrue(b.ask("2 mode 16 out 1").startsWith("2 ok "));
            assertEquals("3 ok 1", b.ask("3 watch 14"));
            assertEquals("4 ok", b.ask("4 keepalive 500"));
            b.advanceMs(499);
            assertEquals(1, b.sim.level("25").getAsInt(), "not yet: 1 ms left");
            assertTrue(b.ask("5 ping").startsWith("5 ok "), "any request moves the deadline");
            b.advanceMs(499);
            assertEquals(1, b.sim.level("25").getAsInt(), "998 ms after arming, 499 after the ping");
            b.advanceMs(1);
            assertEquals("! expired 500", b.in.next());
            assertEquals(0, b.sim.level("25").getAsInt());
            assertEquals(0, b.sim.level("16").getAsInt());
            assertEquals(Set.of(), b.sim.watchedPins());
            b.sim.press("14");     // no watch left: no edge
            b.advanceMs(3_600_000); // an hour: disarmed, no second event
            assertEquals("6 ok 0", b.ask("6 read 25"), "the next line is the reply: no edge, no second expiry");
            assertTrue(b.ask("7 write 25 1").startsWith("7 ok "), "still an output");
        }
    }

    @Test
    void helloEndsAnEarlierHostsKeepaliveAtOnce() throws Exception {
        try (VirtualClockSim b = new VirtualClockSim(BoardModel.PICO)) {
            assertTrue(b.ask("1 mode 25 out 1").startsWith("1 ok "));
            assertEquals("2 ok 1", b.ask("2 watch 14"));
            assertEquals("3 ok", b.ask("3 keepalive 100"));
            assertTrue(b.ask("4 hello").startsWith("4 ok picoloop "));
            assertEquals(0, b.sim.level("25").getAsInt(), "the earlier host's output: off at once");
            assertEquals(Set.of(), b.sim.watchedPins());
            assertTrue(b.ask("5 mode 25 out 1").startsWith("5 ok "));
            b.advanceMs(3_600_000);
            assertEquals("6 ok 1", b.ask("6 read 25"), "disarmed: the next line is the reply, no ! expired");
            assertTrue(b.ask("7 hello").startsWith("7 ok picoloop "));
            assertEquals(1, b.sim.level("25").getAsInt(), "not armed: hello changes nothing");
        }
    }

    @Test
    void keepaliveZeroDisarmsAndANewPeriodCountsAtOnce() throws Exception {
        try (VirtualClockSim b = new VirtualClockSim(BoardModel.PICO)) {
            assertTrue(b.ask("1 mode 25 out 1").startsWith("1 ok "));
            assertEquals("2 ok", b.ask("2 keepalive 100"));
            assertEquals("3 ok", b.ask("3 keepalive 0"));
            b.advanceMs(3_600_000);
            assertEquals(1, b.sim.level("25").getAsInt());
            assertEquals("4 ok", b.ask("4 keepalive 600000"));
            assertEquals("5 ok", b.ask("5 keepalive 100"));
            b.advanceMs(100);
            assertEquals("! expired 100", b.in.next());
            assertEquals(0, b.sim.level("25").getAsInt());
        }
    }

    @Test
    void refusedLinesMoveTheDeadlineTooAndARefusedKeepaliveChangesNothing() throws Exception {
        try (VirtualClockSim b = new VirtualClockSim(BoardModel.PICO)) {
            assertTrue(b.ask("1 mode 25 out 1").startsWith("1 ok "));
            assertEquals("2 ok", b.ask("2 keepalive 300"));
            for (String line : new String[]{"3 frobnicate", "4 keepalive 99", "x".repeat(200)}) {
                b.advanceMs(250);
                assertTrue(b.ask(line).contains(" err "), line);
            }
            assertEquals(1, b.sim.level("25").getAsInt(), "750 ms, never 300 without a line");
            b.advanceMs(300);
            assertEquals("! expired 300", b.in.next(), "still the period of the last accepted keepalive");
        }
    }

    @Test
    void aRestartedBoardIsDisarmedAndTheReplHasNoKeepalive() throws Exception {
        try (VirtualClockSim b = new VirtualClockSim(BoardModel.PICO)) {
            assertEquals("1 ok", b.ask("1 keepalive 100"));
            b.sim.restart();
            assertTrue(b.in.next().startsWith("! boot "));
            assertTrue(b.ask("2 mode 25 out 1").startsWith("2 ok "));
            b.advanceMs(1000);
            assertEquals(1, b.sim.level("25").getAsInt(), "a restarted board starts disarmed");
            assertEquals("3 ok", b.ask("3 keepalive 100"));
            assertEquals("4 ok", b.ask("4 repl"));
            assertTrue(b.in.next().startsWith("MicroPython v"));
            assertTrue(b.in.next().startsWith("Type \"help()\""));
            b.advanceMs(1000);
            // nothing of the bridge runs in the REPL (its timers stop; repl also disarms, for when it is left)
            assertEquals(">>> 5 ping\r", b.ask("5 ping"), "the REPL's echo comes next, no ! expired");
        }
    }
}
