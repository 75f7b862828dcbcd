package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.device.Boards;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.VirtualClock;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.FirmwareOnPty.PinChange;
import io.picoloop.testing.VirtualBoard;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code blink --all}: two boards found on USB (pseudo-terminals dressed as Picos), one loop, one grid. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlinkEveryBoardTest {

    @Test
    void everyBoardBlinksItsPinAndIsLeftOff() throws Exception {
        try (FirmwareOnPty a = FirmwareOnPty.start("pico", "E661410300000001", null, "ttyPICO");
             FirmwareOnPty b = FirmwareOnPty.start("picow", "E661410300000002", null, "ttyPICO")) {
            List<PortInfo> ports = List.of(new PortInfo(a.port(), "Board CDC", 0x2E8A, 0x0005, "1"),
                    new PortInfo(b.port(), "Board CDC", 0x2E8A, 0x0005, "2"));
            DeviceOptions options = DeviceOptions.defaults();
            List<ConnectedBoard> boards = new ArrayList<>();
            Boards.openAll(ports, options, Boards.reconnect(options), new ArrayList<>())
                    .forEach(p -> boards.add(new ConnectedBoard(p, Optional.empty())));
            assertEquals(2, boards.size());
            StringWriter out = new StringWriter();
            int exit = BlinkEveryBoard.run(boards, "LED", 200, 100, 4L, null, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertEquals(0, exit);
            // GP25 on the Pico, the wireless chip's LED on the Pico W: each board's own LED
            assertFlashes(a.pinChanges("25"), 4);
            assertFlashes(b.pinChanges("LED"), 4);
            assertTrue(out.toString().contains("GP25 blinked 4 times on " + a.port() + " (uid E661410300000001)")
                    && out.toString().contains("LED blinked 4 times on " + b.port() + " (uid E661410300000002)"), out.toString());
        }
    }

    /**
     * One board's write stalls the host 100 ms (on the loop's virtual clock, shared by both boards):
     * each board skips the flashes whose time passed, as blink does, instead of replaying them as a
     * burst, says so once, and stops at the duration.
     */
    @Test
    void afterAStallEveryBoardSkipsTheFlashesItMissedInsteadOfABurst() {
        VirtualClock clock = new VirtualClock(VirtualBoard.T0);
        EventLoop loop = EventLoop.create(clock);
        List<List<Long>> litAt = List.of(new ArrayList<>(), new ArrayList<>());
        List<ConnectedBoard> boards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, clock::nanoTime);
            List<Long> lit = litAt.get(i);
            boolean stalls = i == 0;
            sim.addPinListener((p, level, nanos) -> {
                if (p.equals(PinId.gpio(25)) && level == 1) {
                    synchronized (litAt) {
                        lit.add(VirtualBoard.ms(nanos));
                        litAt.notifyAll();
                    }
                    if (stalls && lit.size() == 2) {
                        // the other board's flash of the same moment lands first: else the stall
                        // delays its write, which lands at the later time, a flash late, not a burst
                        awaitSecondFlash(litAt.get(1), litAt);
                        clock.advance(Duration.ofMillis(100));
                    }
                }
            });
            boards.add(new ConnectedBoard(Pico.connect(sim.transport(), DeviceOptions.defaults().withHostClock(clock::nanoTime)),
                    Optional.of(sim)));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long begin = VirtualBoard.ms(clock.nanoTime());
        int exit = BlinkEveryBoard.run(loop, boards, "LED", 20, 10, null, Duration.ofMillis(300),
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        for (List<Long> lit : litAt) {
            for (int k = 1; k < lit.size(); k++) {
                assertTrue(lit.get(k) - lit.get(k - 1) >= 20, "a burst of missed flashes: " + litAt);
            }
            assertTrue(lit.getLast() < begin + 300, "no flash after the duration: " + litAt);
        }
        assertTrue(litAt.get(0).size() < 15 && litAt.get(1).size() < 15, "missed flashes are not lit: " + litAt);
        assertEquals(2, out.toString().lines().filter(l -> l.contains("skipped as too late")).count(), out.toString());
        assertEquals(2, err.toString().lines().filter(l -> l.contains("cannot flash every 20 ms")).count(), err.toString());
    }

    private static void awaitSecondFlash(List<Long> lit, Object lock) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (lock) {
            while (lit.size() < 2 && System.nanoTime() < deadline) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Test
    void allNamesNoBoardSoItRefusesOptionsThatDo() {
        CliRun run = CliRun.of("blink", "--all", "--sim");
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.toString());
        assertTrue(run.err().contains("--all takes every board on USB: drop --sim"), run.toString());
        run = CliRun.of("blink", "--all", "--uid", "E661410300000001");
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.toString());
        assertTrue(run.err().contains("drop --uid"), run.toString());
    }

    private static void assertFlashes(List<PinChange> changes, int flashes) {
        assertEquals(flashes, changes.stream().filter(c -> c.level() == 1).count(), changes.toString());
        assertEquals(0, changes.getLast().level(), "left off: " + changes);
    }
}
