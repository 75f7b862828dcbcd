package io.picoloop.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.button.ButtonEvent.Kind;
import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.device.Pull;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Task;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.loop.VirtualClock;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.SimEdges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buttons on the simulated Pico and a virtual clock: every time below is exact. */
class ButtonTest {

    private static final long T0 = 1_000_000_000L;
    /** Clicks and long presses are announced this many ms after they happened (edges in flight). */
    private static final long LATE = ButtonGestures.IN_FLIGHT / 1_000_000;
    private VirtualClock clock;
    private EventLoop loop;
    private SimulatedPico sim;
    private Pico pico;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        clock = new VirtualClock(T0);
        loop = EventLoop.create(clock);
        sim = SimulatedPico.start(BoardModel.PICO, clock::nanoTime);
        pico = Pico.connect(sim.transport(), virtualClockOptions());
    }

    @AfterEach
    void stop() {
        pico.close();
        sim.close();
        if (!loop.isClosed()) {
            loop.close();
        }
    }

    private void run(io.picoloop.loop.TaskRunnable body) {
        loop.run(() -> {
            body.run();
            return null;
        });
    }

    /** Milliseconds of loop time since the test began. */
    private long ms() {
        return (loop.nowNanos() - T0) / 1_000_000;
    }

    /** In a task: lets the simulator's events reach the loop. */
    private void settle() {
        SimEdges.delivered(sim, pico, loop);
    }

    private void press() {
        sim.press("14");
        settle();
    }

    private void release() {
        sim.release("14");
        settle();
    }

    private void sleepMs(long ms) {
        Async.sleepMs(ms);
        sim.pollTimers();
    }

    private Button open(EventLoop l) {
        Button b = Button.on(pico, 14).open(l);
        b.onAny(e -> seen.add(e.kind().label() + "@" + ms()));
        return b;
    }

    @Test
    void aBouncingPressAndReleaseGiveOnePressAndOneReleaseToAWaitingTask() {
        run(() -> {
            Button b = open(loop);
            assertFalse(b.isPressed());
            Task<ButtonEvent> waiter = loop.spawn("waiter", () -> {
                ButtonEvent p = b.awaitPress();
                ButtonEvent r = b.awaitRelease();
                assertTrue(r.deviceMicros() > p.deviceMicros());
                return r;
            });
            Async.yieldNow();
            sleepMs(100);
            sim.bounce("14", 0, 6, Duration.ofNanos(400_000));
            settle();
            assertTrue(b.isPressed());
            sleepMs(150);
            sim.bounce("14", 1, 5, Duration.ofNanos(500_000));
            settle();
            ButtonEvent r = waiter.result();
            assertEquals(150_000, r.heldMicros());
            assertEquals(T0 + 250_000_000L, r.hostNanos());
            assertFalse(b.isPressed());
            sleepMs(1000);
        });
        assertEquals(List.of("press@100", "release@250", "click@530"), seen);
    }

    @Test
    void longPressFiresAtOneSecondWhileHeld() {
        run(() -> {
            Button b = open(loop);
            Task<ButtonEvent> waiter = loop.spawn("long", () -> b.awaitLongPress());
            Async.yieldNow();
            press();
            sleepMs(999 + LATE);
            assertFalse(waiter.isDone());
            sleepMs(2);
            assertTrue(waiter.isDone());
            ButtonEvent l = waiter.result();
            assertEquals(T0 + 1_000_000_000L, l.hostNanos());
            sleepMs(500);
            release();
            sleepMs(1000);
        });
        assertEquals(List.of("press@0", "long@1030", "release@1531"), seen, "no click after a long press");
    }

    @Test
    void aDoubleClickIsOneDoubleAndNoClick() {
        run(() -> {
            Button b = open(loop);
            Task<ButtonEvent> waiter = loop.spawn("double", () -> b.awaitDoubleClick(Duration.ofSeconds(5)));
            Async.yieldNow();
            press();
            sleepMs(80);
            release();
            sleepMs(170);
            press();     // 250 ms after the first press: within 400 ms
            sleepMs(90);
            release();
            ButtonEvent d = waiter.result();
            assertEquals(T0 + 250_000_000L, d.hostNanos());
            sleepMs(800);
            // a third press after the double starts afresh: a single click
            press();
            sleepMs(50);
            release();
            sleepMs(600);
        });
        assertEquals(List.of("press@0", "release@80", "press@250", "double@250", "release@340",
                "press@1140", "release@1190", "click@1570"), seen);
    }

    @Test
    void pressesFurtherApartThanTheWindowAreTwoClicks() {
        run(() -> {
            open(loop);
            press();
            sleepMs(100);
            release();
            sleepMs(350);
            press(); // 450 ms after the first
            sleepMs(100);
            release();
            sleepMs(1000);
        });
        assertEquals(List.of("press@0", "release@100", "click@430", "press@450", "release@550", "click@880"), seen);
    }

    @Test
    void timeoutsThrowTheLoopsTaskTimeoutException() {
        run(() -> {
            Button b = open(loop);
            TaskTimeoutException e = assertThrows(TaskTimeoutException.class, () -> b.awaitPress(Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("no press of the button on GP14 within 500 ms"), e.getMessage());
            assertEquals(500, ms());
        });
    }

    @Test
    void activeHighWithPullDown() {
        run(() -> {
            Button b = Button.on(pico, "GP14").pull(Pull.DOWN).activeLow(false).longPress(Duration.ofMillis(300)).open();
            assertFalse(b.isPressed());
            sim.setInput("14", 1);
            settle();
            assertTrue(b.isPressed(), b.input().level() + " " + b.input().edgeCount() + " " + sim.level("14"));
            ButtonEvent l = b.awaitLongPress();
            assertEquals(300 + LATE, ms(), "announced once no release from before 300 ms can be on its way");
            assertEquals(l.kind(), Kind.LONG);
            assertEquals(300_000, l.heldMicros(), "held for the long-press time so far");
        });
    }

    @Test
    void aRestartedBoardWakesTheWaitersWithTheReason() {
        run(() -> {
            Button b = open(loop);
            Task<ButtonEvent> waiter = loop.spawn("w", () -> b.awaitPress());
            Async.yieldNow();
            sim.restart();
            settle();
            IllegalStateException e = assertThrows(IllegalStateException.class, waiter::result);
            assertTrue(e.getMessage().contains("the board restarted"), e.getMessage());
            assertTrue(b.awaitEnd().startsWith("the board restarted"), b.awaitEnd());
        });
    }

    /**
     * The link closes (the simulator's end of the cable pulled) while one task waits for a press
     * and another only for the end: the first fails as every call on a lost link does, naming
     * the link's cause; the second learns the reason; a later await fails at once.
     */
    @Test
    void aLostLinkFailsTheWaitersWithItsCauseAndEndsTheWatch() {
        run(() -> {
            Button b = open(loop);
            Task<ButtonEvent> waiter = loop.spawn("press", () -> b.awaitPress());
            Task<String> end = loop.spawn("end", b::awaitEnd);
            Async.yieldNow();
            assertEquals(null, b.endReason());
            sim.close();
            DeviceDisconnectedException e = assertThrows(DeviceDisconnectedException.class, waiter::result);
            assertTrue(e.getMessage().startsWith("the button on GP14 is no longer watched: lost the connection to"
                    + " simulated Pico") && e.getMessage().contains("(device unplugged or reset?)"), e.getMessage());
            String reason = end.result();
            assertTrue(reason.startsWith("lost the connection to simulated Pico"), reason);
            assertEquals(reason, b.endReason());
            assertEquals(reason, b.awaitEnd(), "at once, once ended");
            assertThrows(DeviceDisconnectedException.class, () -> b.awaitRelease(Duration.ofSeconds(1)));
        });
    }

    /** The program's own close ends the watch too: the end's waiter learns it, awaits fail at once. */
    @Test
    void closingTheButtonEndsItsWatch() {
        run(() -> {
            Button b = open(loop);
            Task<String> end = loop.spawn("end", b::awaitEnd);
            Async.yieldNow();
            b.close();
            assertEquals("closed", end.result());
            IllegalStateException e = assertThrows(IllegalStateException.class, b::awaitPress);
            assertEquals("the button on GP14 is no longer watched: closed", e.getMessage());
        });
    }

    @Test
    void aLossCancelsTheGestureAndIsReported() {
        List<Long> lost = new ArrayList<>();
        run(() -> {
            Button b = open(loop);
            b.onLost(l -> lost.add(l.count()));
            press();
            // a storm inside the press's debounce window overflows the device's queue
            sim.bounce("14", 0, 200, Duration.ofNanos(10_000));
            settle();
            assertTrue(b.isPressed(), "the true level after the loss");
            sleepMs(50);
            release();
            sleepMs(50);
            press();
            sleepMs(50);
            release();
            sleepMs(1000);
            assertTrue(b.lostCount() > 0);
        });
        assertEquals(1, lost.size());
        // 100 ms apart, but a loss lies between them: no double click, and the first press gives no click
        assertEquals(List.of("press@0", "release@50", "press@100", "release@150", "click@530"), seen);
    }

    @Test
    void aPicoOnAnotherClockIsRefused() {
        SimulatedPico sim2 = SimulatedPico.start(BoardModel.PICO);
        try (Pico realClock = Pico.connect(sim2.transport())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Button.on(realClock, 14).open(loop));
            assertTrue(e.getMessage().contains("withHostClock"), e.getMessage());
        } finally {
            sim2.close();
        }
    }

    /**
     * The simulator's link, with an edge slipped in on the reader thread right after the reply to
     * {@code watch}: the press comes in the same instant the watch begins.
     */
    private static io.picoloop.transport.Transport pressRightAfterTheWatchReply(io.picoloop.transport.Transport t) {
        return new io.picoloop.transport.Transport() {
            private volatile String watchId;

            @Override
            public void start(io.picoloop.transport.LineListener l) {
                t.start(new io.picoloop.transport.LineListener() {
                    @Override
                    public void onLine(byte[] line) {
                        l.onLine(line);
                        String s = new String(line, java.nio.charset.StandardCharsets.US_ASCII);
                        if (watchId != null && s.startsWith(watchId + " ok")) {
                            l.onLine("! edge 14 0 5 1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        }
                    }

                    @Override
                    public void onGarbage(String d) {
                        l.onGarbage(d);
                    }

                    @Override
                    public void onClosed(Throwable c) {
                        l.onClosed(c);
                    }
                });
            }

            @Override
            public void send(String line) {
                if (line.contains(" watch 14 ")) {
                    watchId = line.substring(0, line.indexOf(' '));
                }
                t.send(line);
            }

            @Override
            public void sendBytes(byte[] line) {
                t.sendBytes(line);
            }

            @Override
            public String description() {
                return t.description();
            }

            @Override
            public boolean isOpen() {
                return t.isOpen();
            }

            @Override
            public void close() {
                t.close();
            }
        };
    }

    /** The host clock is virtual; the keepalive is the default (3 s, fed and counted in real time). */
    private DeviceOptions virtualClockOptions() {
        return DeviceOptions.defaults().withHostClock(clock::nanoTime);
    }

    @Test
    void anHourOfVirtualTimeWithTheDefaultKeepaliveKeepsTheWatch() {
        run(() -> {
            Button b = open(loop);
            sleepMs(3_600_000);
            press();
            assertTrue(b.isPressed());
            sleepMs(100);
            release();
        });
        assertEquals(List.of("press@3600000", "release@3600100"), seen);
    }

    @Test
    void aPressRightAfterTheWatchReplyIsNotMissed() {
        pico.close();
        sim.close();
        sim = SimulatedPico.start(BoardModel.PICO, clock::nanoTime);
        pico = Pico.connect(pressRightAfterTheWatchReply(sim.transport()),
                virtualClockOptions());
        run(() -> {
            Button b = Button.on(pico, 14).open(loop);
            // the press reached the gestures (not only the level): it starts the long-press timer
            ButtonEvent l = b.awaitLongPress(Duration.ofSeconds(2));
            assertEquals(5 + 1_000_000, l.deviceMicros());
            assertTrue(b.isPressed());
        });
    }

    @Test
    void eventsReachTheTaskWhileTheClientsCallbackThreadIsBusy() throws Exception {
        // one hand-off: reader thread -> loop.post, not through the client's callback thread
        EventLoop real = EventLoop.create();
        SimulatedPico s2 = SimulatedPico.start(BoardModel.PICO);
        Pico p2 = Pico.connect(s2.transport());
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        try {
            real.run(() -> {
                Button b = Button.on(p2, 14).open();
                p2.onEvent(e -> {
                    try {
                        busy.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                });
                s2.press("14");
                ButtonEvent p = b.awaitPress(Duration.ofSeconds(5));
                assertEquals(Kind.PRESS, p.kind());
                assertTrue(busy.getCount() > 0, "the callback thread was still stuck");
                busy.countDown();
                return null;
            });
        } finally {
            busy.countDown();
            p2.close();
            s2.close();
            real.close();
        }
    }
}
