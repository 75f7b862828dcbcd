package io.picoloop.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.LostEvents;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Task;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The real firmware under CPython behind a pty: its IRQ handler sees every edge of the burst. */
class ButtonOverPtyTest {

    @Test
    void aBouncingPressAndReleaseAreOneEachInOrderAndAnOverflowIsReported() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            EventLoop loop = EventLoop.create();
            List<String> seen = new CopyOnWriteArrayList<>();
            List<LostEvents> lost = new CopyOnWriteArrayList<>();
            loop.run(() -> {
                Button b = Button.on(pico, 14).open();
                b.onAny(e -> seen.add(e.kind().label()));
                b.onLost(lost::add);
                Task<List<ButtonEvent>> task = loop.spawn("presses", () -> List.of(
                        b.awaitPress(Duration.ofSeconds(10)), b.awaitRelease(Duration.ofSeconds(10))));
                Async.yieldNow();
                fw.drive(14, 300, 0, 1, 0, 1, 0);              // a bouncing press: 5 edges in 1.2 ms
                Async.sleepMs(200);
                fw.drive(14, 500, 1, 0, 1, 0, 1, 0, 1);        // a bouncing release: 7 edges in 3 ms
                List<ButtonEvent> r = task.result();
                assertEquals(ButtonEvent.Kind.PRESS, r.get(0).kind());
                assertEquals(ButtonEvent.Kind.RELEASE, r.get(1).kind());
                assertTrue(r.get(1).deviceMicros() > r.get(0).deviceMicros() + 100_000, r.toString());
                Async.sleepMs(600);
                assertEquals(List.of("press", "release", "click"), seen);

                int[] storm = new int[500];                   // 500 edges at once, ending pressed
                for (int i = 0; i < storm.length; i++) {
                    storm[i] = i % 2;
                }
                storm[storm.length - 1] = 0;
                storm[storm.length - 2] = 1;
                fw.drive(14, 0, storm);
                long deadline = loop.nowNanos() + Duration.ofSeconds(10).toNanos();
                while ((lost.isEmpty() || !b.isPressed()) && loop.nowNanos() < deadline) {
                    Async.sleepMs(20);
                }
                assertFalse(lost.isEmpty(), "the device's queue overflowed: " + seen + "\n" + fw.readLog());
                assertTrue(lost.getFirst().onDevice());
                assertTrue(b.isPressed(), "the true level after the loss: pressed");
                b.close();
                return null;
            });
        }
    }

    /**
     * The board goes away (the firmware process killed, as pulling the cable closes the port)
     * while a task waits for a press: it wakes at once with the link's cause, as any request would.
     */
    @Test
    void aPressAwaitedWhenTheBoardGoesAwayFailsWithTheLinksCause() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            EventLoop loop = EventLoop.create();
            loop.run(() -> {
                Button b = Button.on(pico, 14).open();
                Task<ButtonEvent> press = loop.spawn("press", () -> b.awaitPress());
                Async.yieldNow();
                fw.kill();
                long killed = System.nanoTime();
                DeviceDisconnectedException e = assertThrows(DeviceDisconnectedException.class, press::result);
                double seconds = (System.nanoTime() - killed) / 1e9;
                assertTrue(e.getMessage().contains("lost the connection to " + fw.port()), e.getMessage());
                assertTrue(b.awaitEnd().startsWith("lost the connection to " + fw.port()), b.awaitEnd());
                assertTrue(seconds < 10, "woke " + seconds + " s after the kill");
                return null;
            });
        }
    }
}
