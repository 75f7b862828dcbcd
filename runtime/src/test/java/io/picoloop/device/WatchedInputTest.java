package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.testing.ScriptedDevice;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watched inputs: the simulator on a virtual nano clock, and a scripted device for what it never does. */
class WatchedInputTest {

    private static final long T0 = 5_000_000_000L;
    private final AtomicLong nanos = new AtomicLong(T0);
    private SimulatedPico sim;
    private Pico pico;

    @AfterEach
    void stop() {
        if (pico != null) {
            pico.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void simulated() {
        sim = SimulatedPico.start(BoardModel.PICO, nanos::get);
        pico = Pico.connect(sim.transport(), DeviceOptions.defaults().withHostClock(nanos::get));
    }

    private static <T> T next(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("nothing came within 10 s");
        }
        return t;
    }

    /** Every event the device sent before a ping has reached the listeners when this returns. */
    private void settle() {
        pico.ping(); // its completion runs on the callback thread after the listeners of earlier events
    }

    @Test
    void pressAndReleaseReachTheListenerWithDeviceAndHostTimes() throws Exception {
        simulated();
        WatchedInput in = pico.watch(14);
        assertTrue(in.isActive());
        assertTrue(in.level(), "a pull-up input reads high");
        assertTrue(pico.deviceClock().isCalibrated(), "watch pings before it returns");
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        in.addListener(edges::add);

        nanos.addAndGet(1_234_567_000L);
        sim.press("14");
        Edge press = next(edges);
        assertEquals(PinId.gpio(14), press.pin());
        assertFalse(press.level());
        assertEquals(1_234_567, press.deviceMicros());
        assertEquals(1, press.seq());
        // pings on the virtual clock take no time, so the mapping is exact
        assertEquals(T0 + 1_234_567_000L, press.hostNanos());
        assertFalse(in.level());

        nanos.addAndGet(300_000_000L);
        sim.pollTimers(); // the press's debounce window closes (quietly: the pin still reads low)
        sim.bounce("14", 1, 6, Duration.ofNanos(400_000));
        Edge release = next(edges);
        assertTrue(release.level());
        assertEquals(1_534_567, release.deviceMicros());
        assertEquals(2, release.seq());
        nanos.addAndGet(30_000_000L);
        sim.pollTimers();
        settle();
        assertNull(edges.poll(), "bounces are not edges");
        assertEquals(2, in.edgeCount());
        assertEquals(0, in.lostCount());
    }

    @Test
    void overflowOnTheDeviceIsReportedAndTheTrueLevelFollows() throws Exception {
        simulated();
        WatchedInput in = pico.watch(14, Pull.UP, Duration.ofMillis(5));
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        BlockingQueue<LostEvents> lost = new LinkedBlockingQueue<>();
        in.addListener(edges::add);
        in.addLostListener(lost::add);
        nanos.addAndGet(1_000_000L);
        sim.bounce("14", 0, 200, Duration.ofNanos(10_000)); // more than the device's queue of 64
        LostEvents l = next(lost);
        assertTrue(l.onDevice());
        assertTrue(l.count() > 0, l.toString());
        settle();
        assertFalse(in.level(), "after the loss the pin's true level (pressed) is known");
        assertEquals(l.count(), in.lostCount());
        Edge first = next(edges);
        assertFalse(first.level());
    }

    @Test
    void unwatchStopsTheEventsAndAPinIsWatchedOnce() throws Exception {
        simulated();
        WatchedInput in = pico.watch("GP15", Pull.UP, Duration.ofMillis(20));
        assertThrows(IllegalStateException.class, () -> pico.watch(15));
        assertThrows(IllegalArgumentException.class, () -> pico.watch("LED", Pull.UP, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> pico.watch(15, Pull.UP, Duration.ofMillis(1001)));
        assertThrows(IllegalArgumentException.class, () -> pico.watch(29));
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        in.addEndListener(ended::add);
        in.unwatch();
        assertEquals("unwatched", next(ended));
        assertFalse(in.isActive());
        assertEquals(java.util.Set.of(), sim.watchedPins());
        WatchedInput again = pico.watch(15, Pull.DOWN, Duration.ZERO);
        assertFalse(again.level(), "pull-down reads low");
        again.close();
        again.close(); // twice is fine
    }

    @Test
    void aRestartedBoardEndsTheWatches() throws Exception {
        simulated();
        WatchedInput in = pico.watch(14);
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        in.addEndListener(ended::add);
        sim.restart();
        assertTrue(next(ended).startsWith("the board restarted"));
        assertFalse(in.isActive());
        assertFalse(pico.deviceClock().isCalibrated(), "the device clock began again");
        WatchedInput again = pico.watch(14);
        assertTrue(again.isActive());
        assertTrue(pico.deviceClock().isCalibrated());
    }

    @Test
    void gapsInTheSequenceAreLostEventsAndUnknownPinsAreIgnored() throws Exception {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> {
            String id = ScriptedDevice.id(l);
            if (l.endsWith(" ping")) {
                return List.of(id + " ok 1000");
            }
            if (l.contains(" watch 14 ")) {
                return List.of(id + " ok 1");
            }
            return List.of(id + " ok");
        })) {
            pico = Pico.connect(dev.transport());
            WatchedInput in = pico.watch(14);
            BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
            BlockingQueue<LostEvents> lost = new LinkedBlockingQueue<>();
            in.addListener(edges::add);
            in.addLostListener(lost::add);
            dev.sendRaw(("! edge 14 0 2000 1\n! edge 9 0 2100 2\n! edge 14 1 9000 5\n! edge 14 x 9100 6\n"
                    + "! lost 7 7\n! edge 14 0 9900 8\n").getBytes());
            Edge a = next(edges);
            assertEquals(1, a.seq());
            assertEquals(2000, a.deviceMicros());
            LostEvents gap = next(lost);
            assertEquals(new LostEvents(2, 5, false), gap, "seq 3 and 4 never came");
            Edge b = next(edges);
            assertEquals(5, b.seq());
            assertTrue(b.level());
            // "14 x" is malformed: a warning, no edge; its seq (6) still counts, so "lost 7 7" is no gap
            LostEvents onDevice = next(lost);
            assertTrue(onDevice.onDevice());
            assertEquals(7, onDevice.count());
            Edge c = next(edges);
            assertEquals(8, c.seq());
            assertFalse(in.level());
            assertEquals(9, in.lostCount());
            assertEquals(2, pico.linkGaps());
        }
    }

    /** A device that answers ping with 1000, watch with level 1 followed at once by {@code after}, the rest ok. */
    private static ScriptedDevice watchAnsweredHigh(String... after) {
        return ScriptedDevice.afterHello(l -> {
            String id = ScriptedDevice.id(l);
            if (l.endsWith(" ping")) {
                return List.of(id + " ok 1000");
            }
            if (l.contains(" watch ")) {
                List<String> out = new java.util.ArrayList<>(List.of(id + " ok 1"));
                out.addAll(List.of(after));
                return out;
            }
            return List.of(id + " ok");
        });
    }

    @Test
    void listenersAddedInTheSetUpMissNoEdgeRightAfterTheReply() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (ScriptedDevice dev = watchAnsweredHigh("! edge 14 0 2000 1")) {
                pico = Pico.connect(dev.transport());
                BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
                WatchedInput in = pico.watch(PinId.gpio(14), Pull.UP, Duration.ofMillis(20), w -> w.addListener(edges::add));
                Edge e = next(edges);
                assertEquals(1, e.seq());
                assertFalse(e.level());
                assertTrue(in.initialLevel(), "the level the reply reported, not the edge's");
                pico.close();
            }
        }
    }

    @Test
    void aListenerWithItsOwnExecutorGetsEdgesWhileTheCallbackThreadIsBusy() throws Exception {
        try (ScriptedDevice dev = watchAnsweredHigh()) {
            pico = Pico.connect(dev.transport());
            BlockingQueue<String> order = new LinkedBlockingQueue<>();
            java.util.concurrent.ExecutorService own = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                WatchedInput in = pico.watch(PinId.gpio(14), Pull.UP, Duration.ofMillis(20), w -> {
                    w.addListener(e -> order.add("default " + e.seq()));
                    w.addListener(own, e -> order.add("own " + e.seq()));
                    w.addLostListener(own, l -> order.add("own lost " + l.count()));
                    w.addEndListener(own, r -> order.add("own end " + r));
                });
                java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
                pico.dispatch(() -> {
                    try {
                        busy.await(); // the client's callback thread is stuck in user code
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                });
                dev.sendRaw("! edge 14 0 2000 1\n! lost 3 2\n".getBytes());
                assertEquals("own 1", next(order));
                assertEquals("own lost 3", next(order));
                in.unwatchAsync(); // ends the watch on this thread; the end goes to the own executor at once
                assertEquals("own end unwatched", next(order));
                busy.countDown();
                assertEquals("default 1", next(order));
            } finally {
                own.shutdownNow();
            }
        }
    }

    @Test
    void anExecutorThatRefusesLosesItsListenerWithAWarning() throws Exception {
        try (ScriptedDevice dev = watchAnsweredHigh()) {
            pico = Pico.connect(dev.transport());
            BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
            pico.onWarning(warnings::add);
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            WatchedInput in = pico.watch(PinId.gpio(14), Pull.UP, Duration.ofMillis(20), w -> w.addListener(r -> {
                calls.incrementAndGet();
                throw new java.util.concurrent.RejectedExecutionException("closed");
            }, e -> { }));
            dev.sendRaw("! edge 14 0 2000 1\n! edge 14 1 3000 2\n".getBytes());
            assertTrue(next(warnings).contains("listener is removed"));
            settle();
            assertEquals(2, in.edgeCount());
            assertEquals(1, calls.get(), "asked once, then removed");
        }
    }
}
