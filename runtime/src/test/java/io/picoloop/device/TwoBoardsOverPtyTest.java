package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.testing.ClientWarnings;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.transport.PortScanner.PortInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two boards driven by one program on one loop, each opened by its unique id and each on its own
 * link: one is replugged while the other keeps blinking.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoBoardsOverPtyTest {

    @Test
    void oneBoardIsReplugggedWhileTheOtherKeepsGoing() throws Exception {
        FirmwareOnPty a = FirmwareOnPty.start("pico", "E661410300000001", null, "ttyPICO");
        FirmwareOnPty b = FirmwareOnPty.start("pico", "E661410300000002", null, "ttyPICO");
        // pseudo-terminals dressed as Picos on USB, in the order a scan would list them
        List<PortInfo> ports = List.of(new PortInfo(a.port(), "Board CDC", 0x2E8A, 0x0005, "1"),
                new PortInfo(b.port(), "Board CDC", 0x2E8A, 0x0005, "2"));
        try (Pico boardB = Boards.openByUid(ports, "e661410300000002", DeviceOptions.defaults(),
                     Boards.reconnect(DeviceOptions.defaults()));
             Pico boardA = Boards.openByUid(ports, "E661410300000001", DeviceOptions.defaults(),
                     Boards.reconnect(DeviceOptions.defaults()))) {
            assertEquals(a.port(), boardA.description());
            assertEquals(b.port(), boardB.description());
            ClientWarnings warningsA = new ClientWarnings(boardA);
            EventLoop loop = EventLoop.create();
            AtomicBoolean stop = new AtomicBoolean();
            long[] toggles = new long[2];
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> loop.run(() -> {
                OutputPin ledA = boardA.output(16);
                OutputPin ledB = boardB.output(16);
                var blinkA = loop.spawn("blink A", () -> blink(ledA, stop, toggles, 0));
                var blinkB = loop.spawn("blink B", () -> blink(ledB, stop, toggles, 1));
                blinkA.result();
                blinkB.result();
                return null;
            }), Thread.ofPlatform()::start);
            Thread.sleep(800);
            a.kill();
            warningsA.await("waiting up to");
            long bBefore = b.pinChanges("16").size();
            Thread.sleep(1000);
            long bDuring = b.pinChanges("16").size() - bBefore;
            assertTrue(bDuring >= 5, "board B kept blinking while A was away: " + bDuring + " changes in 1 s");
            a = a.replug("ttyPICO");
            warningsA.await("is back on " + a.port());
            long aAfter = a.pinChanges("16").size();
            Thread.sleep(800);
            stop.set(true);
            ran.get(30, TimeUnit.SECONDS);
            assertTrue(a.pinChanges("16").size() - aAfter >= 4, "board A blinks again after its replug");
            assertTrue(boardB.isConnected() && boardB.reconnects() == 0, "B never noticed");
            assertEquals(1, boardA.reconnects());
        } finally {
            a.close();
            b.close();
        }
    }

    private static Void blink(OutputPin led, AtomicBoolean stop, long[] toggles, int i) {
        while (!stop.get()) {
            led.toggle();
            toggles[i]++;
            Async.sleep(Duration.ofMillis(100));
        }
        led.off();
        return null;
    }
}
