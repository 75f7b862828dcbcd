package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.button.Button;
import io.picoloop.button.ButtonEvent;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Edge;
import io.picoloop.device.LostEvents;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.device.Reconnect;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Task;
import io.picoloop.testing.ClientWarnings;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.SerialTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replug and reset on real MicroPython (the emulated RP2040): {@code unplug}/{@code plug} is a fresh
 * boot behind a new pty at the same link path, {@code reset} reboots with the pty kept. The
 * program carries on: a blink on its grid, a watch and a task awaiting a button.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplugOnEmulatedPicoTest {

    private static Pico connect(EmulatedPico board) {
        // a busy machine slows the emulator: its first answer may take more than the default 2 s
        return Pico.connect(SerialTransport.open(board.port()),
                DeviceOptions.defaults().withHandshakeTimeout(java.time.Duration.ofSeconds(10)), Reconnect.serialPaths(List.of()));
    }

    /** The output changes of {@code pin} in each power-up, in order (gpio.log split at BOOT). */
    private static List<List<EmulatedPico.LogLine>> changesPerBoot(EmulatedPico board, int pin) throws Exception {
        List<List<EmulatedPico.LogLine>> boots = new ArrayList<>();
        for (EmulatedPico.LogLine l : board.gpioLog()) {
            if (l.kind().equals("BOOT")) {
                boots.add(new ArrayList<>());
            } else if (l.kind().equals("GPIO") && l.pin() == pin && !boots.isEmpty()) {
                boots.getLast().add(l);
            }
        }
        return boots;
    }

    @Test
    void blinkStaysOnItsGridAcrossUnplugAndPlug() throws Exception {
        long half = TimeUnit.MILLISECONDS.toNanos(250);
        try (EmulatedPico board = EmulatedPico.withBridge(); Pico pico = connect(board)) {
            ClientWarnings warnings = new ClientWarnings(pico);
            EventLoop loop = EventLoop.create();
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> writes = new CopyOnWriteArrayList<>();     // {tick, host ns after the write}
            long[] start = new long[1];
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> loop.run(() -> {
                OutputPin led = pico.output(25);
                start[0] = loop.nowNanos();
                for (long n = 0; !stop.get(); ) {
                    Async.sleepUntil(start[0] + n * half);
                    led.set(n % 2 == 0);        // the level belongs to the tick: in phase or visibly not
                    long now = loop.nowNanos();
                    writes.add(new long[]{n, now});
                    n = Math.max(n + 1, (now - start[0]) / half + 1);   // ticks missed while away are skipped
                }
                led.off();
                return null;
            }), Thread.ofPlatform()::start);
            Thread.sleep(1600);
            board.unplug();
            warnings.await("waiting up to");
            Thread.sleep(700);
            board.plug();
            String back = warnings.await("is back on " + board.port());
            assertTrue(back.contains("GP25"), back);
            Thread.sleep(2500);
            stop.set(true);
            ran.get(30, TimeUnit.SECONDS);

            List<List<EmulatedPico.LogLine>> boots = changesPerBoot(board, 25);
            assertEquals(2, boots.size(), "two power-ups: " + boots);
            List<EmulatedPico.LogLine> after = boots.get(1);
            // the restored level, the write that waited, then at least 6 on the grid
            assertTrue(after.size() >= 8, "the blink went on after the replug: " + after);
            for (int i = 3; i < after.size() - 1; i++) {        // (the last is the off at the end)
                long gap = after.get(i).emuMicros() - after.get(i - 1).emuMicros();
                assertTrue(gap >= TimeUnit.NANOSECONDS.toMicros(half) * 3 / 10,
                        "no burst of replayed flashes: " + gap + " us between changes " + (i - 1) + " and " + i + ": " + after);
            }
            // on the host, every write after the one that waited is on the grid set before the unplug
            int waited = 0;
            for (long[] w : writes) {
                long late = w[1] - (start[0] + w[0] * half);
                if (late > half / 2) {
                    waited++;
                }
            }
            assertTrue(waited <= 2, waited + " writes off the grid (only the one that waited for the board, and"
                    + " perhaps one the busy machine delayed, may be): the grid was reset");
            assertTrue(writes.getLast()[0] >= 15, "the tick count follows the clock: " + writes.getLast()[0]);
        }
    }

    @Test
    void aWatchAndATaskAwaitingAButtonCarryOnAcrossUnplugAndPlug() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridge(); Pico pico = connect(board)) {
            ClientWarnings warnings = new ClientWarnings(pico);
            EventLoop loop = EventLoop.create();
            BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
            BlockingQueue<LostEvents> lost = new LinkedBlockingQueue<>();
            CompletableFuture<Button> opened = new CompletableFuture<>();
            BlockingQueue<ButtonEvent> presses = new LinkedBlockingQueue<>();
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> loop.run(() -> {
                Button button = Button.on(pico, 14).open(loop);
                Task<Void> waiter = loop.spawn("await two presses", () -> {
                    presses.add(button.awaitPress());
                    presses.add(button.awaitPress());   // waits through the replug
                    return null;
                });
                Async.yieldNow();       // the waiter now waits: a press from here on is its
                opened.complete(button);
                waiter.result();
                return null;
            }), Thread.ofPlatform()::start);
            Button button = opened.get(30, TimeUnit.SECONDS);
            // the button's own watch, seen from the device side too
            var watched = pico.watch(15, io.picoloop.device.Pull.UP, java.time.Duration.ofMillis(5));
            watched.addListener(edges::add);
            watched.addLostListener(lost::add);
            board.press(14);
            board.release(14);
            board.press(15);
            assertNotNull(presses.poll(20, TimeUnit.SECONDS), "a press before the unplug");
            assertFalse(edges.poll(20, TimeUnit.SECONDS).level(), "GP15 pressed before the unplug");
            board.unplug();
            warnings.await("waiting up to");
            board.plug();               // GP15 is not held on the new boot: it reads released
            warnings.await("is back on");
            LostEvents gap = lost.poll(20, TimeUnit.SECONDS);
            assertNotNull(gap, "the gap counts as lost");
            Edge trueLevel = edges.poll(20, TimeUnit.SECONDS);
            assertNotNull(trueLevel, "the true level read again");
            assertTrue(trueLevel.level());
            board.press(14);
            assertNotNull(presses.poll(20, TimeUnit.SECONDS), "the task awaiting a button got the press after the replug");
            board.press(15);
            Edge press = edges.poll(20, TimeUnit.SECONDS);
            assertNotNull(press, "the watch prints presses after the replug");
            assertFalse(press.level());
            ran.get(30, TimeUnit.SECONDS);
            assertTrue(button.endReason() == null, "the button's watch never ended: " + button.endReason());
        }
    }

    @Test
    void aResetWithThePortKeptRestoresTheLed() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridge(); Pico pico = connect(board)) {
            ClientWarnings warnings = new ClientWarnings(pico);
            OutputPin led = pico.output(25);
            led.on();
            board.reset();
            // "restarted (! boot ...)" when the new boot's first line reaches the host; on a busy
            // machine the rig's USB may come back without it, and then the silence says "is gone"
            warnings.await("waiting up to");
            warnings.await("is back on " + board.port());
            List<EmulatedPico.LogLine> log = board.gpioLog();
            int reset = -1;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).kind().equals("RESET")) {
                    reset = i;
                }
            }
            assertTrue(reset >= 0, "the rig logged the reset: " + log);
            assertTrue(log.subList(reset, log.size()).stream().anyMatch(l -> l.kind().equals("GPIO") && l.pin() == 25
                    && l.level() == 1), "the LED is driven on again after the reset: " + log);
            led.off();
            assertEquals(0, board.lastLevel(25));
        }
    }
}
