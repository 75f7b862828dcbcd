package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.LineCollector;
import io.picoloop.protocol.PinId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watched inputs on the simulator, on a virtual clock: the firmware's debounce and queue rules. */
class SimulatedPicoButtonsTest {

    private VirtualClockSim board;
    private SimulatedPico sim;
    private LineCollector in;

    @BeforeEach
    void start() throws InterruptedException {
        board = new VirtualClockSim(BoardModel.PICO);
        sim = board.sim;
        in = board.in;
    }

    @AfterEach
    void stop() {
        board.close();
    }

    private String ask(String request) throws InterruptedException {
        return board.ask(request);
    }

    /** Sets the virtual clock to {@code us} microseconds after boot. */
    private void at(long us) {
        board.at(us);
    }

    private void assertQuiet() throws InterruptedException {
        sim.pollTimers();
        String sync = ask("65000 ping");
        assertTrue(sync.startsWith("65000 ok "), "an unexpected line came first: " + sync);
    }

    @Test
    void pressAndReleaseGiveOneEdgeEachWithDeviceTimes() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        at(1000);
        sim.press("14");
        assertEquals("! edge 14 0 1000 1", in.next());
        assertEquals("2 ok 0", ask("2 read 14"));
        at(500_000);
        sim.release("GP14");
        assertEquals("! edge 14 1 500000 2", in.next());
        assertQuiet();
    }

    @Test
    void bouncesAreSuppressedAndNothingComesWhenTheWindowCloses() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        at(5000);
        sim.bounce("14", 0, 5, Duration.ofNanos(300_000));
        assertEquals("! edge 14 0 5000 1", in.next());
        at(26_000);
        assertQuiet();
        at(400_000);
        sim.bounce("14", 1, 7, Duration.ofNanos(250_000));
        assertEquals("! edge 14 1 400000 2", in.next());
        at(430_000);
        assertQuiet();
        assertEquals(1, sim.level("14").getAsInt());
    }

    @Test
    void aGlitchIsCorrectedWhenTheWindowClosesWithTheTimeOfItsLastEdge() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14 up 20"));
        at(100);
        sim.bounce("14", 1, 2, Duration.ofNanos(80_000)); // 0 at 100 us, 1 at 180 us
        assertEquals("! edge 14 0 100 1", in.next());
        at(20_099);
        sim.pollTimers();
        assertNull(in.lines.poll(50, TimeUnit.MILLISECONDS), "the window is still open");
        at(20_100);
        sim.pollTimers();
        assertEquals("! edge 14 1 180 2", in.next());
        assertQuiet();
    }

    @Test
    void theDeviceThreadClosesWindowsByItselfToo() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        at(0);
        sim.press("14");
        sim.release("14"); // inside the window: suppressed for now
        assertEquals("! edge 14 0 0 1", in.next());
        at(30_000); // no pollTimers(): the device thread looks every millisecond
        assertEquals("! edge 14 1 0 2", in.next());
    }

    @Test
    void releaseInsideTheWindowAndIndependentPins() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        assertEquals("2 ok 0", ask("2 watch 15 down 5"));
        at(1000);
        sim.press("14");
        at(1100);
        sim.press("15"); // pull-down: a press is 1
        assertEquals("! edge 14 0 1000 1", in.next());
        assertEquals("! edge 15 1 1100 2", in.next());
        at(3000);
        sim.release("14");
        at(6100);
        sim.release("15"); // after 15's 5 ms window: reported at once
        assertEquals("! edge 15 0 6100 3", in.next());
        at(21_000);
        sim.pollTimers();
        assertEquals("! edge 14 1 3000 4", in.next());
        assertQuiet();
    }

    @Test
    void zeroDebounceReportsEveryChange() throws Exception {
        assertEquals("1 ok 0", ask("1 watch 3 down 0"));
        for (int i = 1; i <= 4; i++) {
            at(i * 100L);
            sim.setInput("3", i % 2);
            assertEquals("! edge 3 " + (i % 2) + " " + i * 100 + " " + i, in.next());
        }
        assertQuiet();
    }

    @Test
    void aBurstLongerThanTheQueueIsReportedAsLostThenTheTrueLevel() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        assertEquals("2 ok 0", ask("2 watch 15 down"));
        at(100);
        sim.bounce("14", 1, 500, Duration.ofNanos(10_000)); // 500 edges, queue of 64
        assertEquals("! edge 14 0 100 1", in.next());
        assertEquals("! lost " + (500 - SimulatedPico.EDGE_QUEUE) + " 2", in.next());
        assertEquals("! edge 14 1 100 3", in.next()); // the level read after the drop
        assertQuiet();
        at(200_000);
        sim.press("15");
        assertEquals("! edge 15 1 200000 4", in.next());
    }

    @Test
    void unwatchModeAndReplStopTheEvents() throws Exception {
        assertEquals("1 ok 0", ask("1 watch 15 down"));
        assertEquals("2 ok 1", ask("2 watch 14"));
        assertEquals(List.of(PinId.gpio(15), PinId.gpio(14)), List.copyOf(sim.watchedPins()), "in the order watched");
        assertEquals("3 ok", ask("3 unwatch 14"));
        sim.press("14");
        assertTrue(ask("4 mode 15 out").matches("4 ok \\d+"));
        assertTrue(ask("5 unwatch 15").startsWith("5 err mode "));
        assertEquals("6 ok 1", ask("6 watch led")); // GP25 on a Pico, pulled up
        assertEquals("7 ok", ask("7 repl"));
        assertTrue(sim.watchedPins().isEmpty());
    }

    @Test
    void aPicoWRefusesToWatchItsLed() throws Exception {
        try (SimulatedPico w = SimulatedPico.start(BoardModel.PICO_W, board.nanos::get)) {
            LineCollector wi = new LineCollector();
            w.transport().start(wi);
            wi.next();
            w.transport().send("1 watch LED");
            assertTrue(wi.next().startsWith("1 err pin "));
        }
    }

    @Test
    void seqStartsAgainAfterARestart() throws Exception {
        assertEquals("1 ok 1", ask("1 watch 14"));
        sim.press("14");
        assertTrue(in.next().endsWith(" 1"));
        sim.restart();
        assertTrue(in.next().startsWith("! boot "));
        assertEquals("2 ok 0", ask("2 watch 14")); // the button is still held down
        at(50_000);
        sim.release("14");
        assertEquals("! edge 14 1 50000 1", in.next()); // the clock starts again at boot too
    }
}
