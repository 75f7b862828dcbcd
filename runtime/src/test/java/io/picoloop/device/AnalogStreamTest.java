package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AnalogStream} on the simulator's virtual clock: samples with device times, losses, the end. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalogStreamTest {

    private static final long T0 = 5_000_000_000L;
    private static final Duration PERIOD = Duration.ofMillis(10);

    private final AtomicLong nanos = new AtomicLong(T0);
    private SimulatedPico sim;
    private Pico pico;

    private void simulated() {
        sim = SimulatedPico.start(BoardModel.PICO, nanos::get);
        pico = Pico.connect(sim.transport(), DeviceOptions.defaults().withHostClock(nanos::get));
    }

    @AfterEach
    void close() {
        if (pico != null) {
            pico.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** The board's clock moves on by {@code d} and it takes what is due. */
    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        sim.pollTimers();
    }

    @Test
    void samplesComeOnTheBoardsClockWithTheirDeviceTimes() {
        simulated();
        sim.setAnalog("26", 1000);
        AnalogStream s = pico.analog(26).stream(PERIOD);
        assertTrue(s.isActive());
        assertTrue(pico.deviceClock().isCalibrated(), "the first stream pings before it returns");
        long t0 = s.startMicros();
        for (int k = 1; k <= 3; k++) {
            sim.setAnalog("26", 1000 * k);
            advance(PERIOD);
            AnalogReading r = s.await();
            assertEquals(1000 * k, r.value());
            assertEquals(t0 + k * PERIOD.toNanos() / 1000, r.deviceMicros(), "sample " + k + " due at t0 + k periods");
            // pings on the virtual clock take no time, so the mapping is exact
            assertEquals(T0 + r.deviceMicros() * 1000, r.hostNanos());
            assertEquals(AdcInput.gpio(26), r.input());
        }
        assertEquals(3, s.sampleCount());
        assertEquals(3000, s.latest().orElseThrow().value());
        assertEquals(0, s.lostCount());
        assertEquals(0, pico.linkGaps());
    }

    /**
     * Samples and edges share one sequence: a host that checked only the edges' numbers would take
     * every sample between two edges for a line lost on the link.
     */
    @Test
    void samplesBetweenEdgesAreNoGap() throws Exception {
        simulated();
        WatchedInput button = pico.watch(14);
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        List<LostEvents> lost = new ArrayList<>();
        button.addListener(edges::add);
        button.addLostListener(lost::add);
        AnalogStream s = pico.temperature().stream(PERIOD);
        sim.press("14");
        assertNotNull(edges.poll(10, TimeUnit.SECONDS));
        advance(PERIOD);
        advance(PERIOD);
        long first = s.await().seq();
        assertEquals(first + 1, s.await().seq());
        s.stop();
        advance(Duration.ofMillis(Protocol.DEBOUNCE_MAX_MS));      // (the press's window has closed)
        sim.release("14");
        Edge release = edges.poll(10, TimeUnit.SECONDS);
        assertNotNull(release);
        pico.ping();        // every event before it has reached the listeners
        assertTrue(release.seq() > first + 1, "the release comes after the samples in the one sequence");
        assertEquals(0, pico.linkGaps(), "samples are no gap");
        assertEquals(List.of(), lost);
        assertEquals(0, button.lostCount());
    }

    @Test
    void aSampleTheBoardWasAWholePeriodLateForIsReportedLost() {
        simulated();
        AnalogStream s = pico.analog(27).stream(PERIOD);
        BlockingQueue<LostEvents> lost = new LinkedBlockingQueue<>();
        s.addLostListener(lost::add);
        advance(PERIOD.multipliedBy(3));            // samples 1 and 2 missed, 3 taken
        s.await();
        pico.ping();
        assertEquals(2, s.lostCount());
        LostEvents l = lost.poll();
        assertNotNull(l);
        assertTrue(l.onDevice());
        assertEquals(0, pico.linkGaps());
    }

    @Test
    void theSafeStateEndsTheStreamSayingWhyAndAnAwaitThrowsIt() throws Exception {
        simulated();
        AnalogStream s = pico.analog(26).stream(PERIOD);
        BlockingQueue<String> ends = new LinkedBlockingQueue<>();
        s.addEndListener(ends::add);
        pico.allOff();
        String why = ends.poll(10, TimeUnit.SECONDS);
        assertNotNull(why);
        assertTrue(why.contains("switched off"), why);
        assertFalse(s.isActive());
        String thrown = assertThrows(IllegalStateException.class, s::await).getMessage();
        assertTrue(thrown.contains(why), thrown);
        AnalogStream again = pico.analog(26).stream(PERIOD);
        pico.output(26);
        assertTrue(again.endReason().contains("GP26 became an output"), again.endReason());
        AnalogStream third = pico.analog(26).stream(PERIOD);
        sim.close();        // the cable
        assertThrows(DeviceDisconnectedException.class, third::await);
    }

    @Test
    void stopTellsTheBoardAndASecondStreamOfAnInputIsRefused() {
        simulated();
        AnalogInput pot = pico.analog(28);
        AnalogStream s = pot.stream(PERIOD);
        String twice = assertThrows(IllegalStateException.class, () -> pot.stream(PERIOD)).getMessage();
        assertTrue(twice.contains("already streamed"), twice);
        s.close();
        assertEquals("stopped", s.endReason());
        advance(PERIOD.multipliedBy(2));
        pico.ping();
        assertEquals(0, s.sampleCount(), "the board stopped: nothing came");
        pot.stream(PERIOD).stop();      // the input may be streamed again
    }

    @Test
    void aTaskAwaitsSamplesWithoutBlockingTheLoop() {
        simulated();
        AnalogStream s = pico.analog(26).stream(PERIOD);
        try (EventLoop loop = EventLoop.create()) {
            var task = loop.spawn(() -> {
                int sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += s.await().value();
                }
                return sum;
            });
            var ticker = loop.spawn(() -> {
                for (int k = 1; k <= 3; k++) {
                    sim.setAnalog("26", k);
                    advance(PERIOD);
                    Async.yieldNow();
                }
                return null;
            });
            assertEquals(6, loop.runUntilComplete(task));
            loop.runUntilComplete(ticker);
        }
    }
}
