package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.PinId;
import io.picoloop.sim.PinListener;
import io.picoloop.testing.VirtualBoard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blink's schedule on a virtual clock against the simulated board, made slow or stalled by
 * moving the clock on while it handles a write: every time below is exact.
 */
class BlinkerTest {

    private static final long MS = 1_000_000L;

    private final VirtualBoard board = new VirtualBoard();

    /** When the blinking said it is too slow, and when the board's LED lit (ms after T0). */
    private final List<Long> tooSlow = new ArrayList<>();
    private final List<Long> litAt = new ArrayList<>();

    private final Blinker.Watcher watcher = new Blinker.Watcher() {
        @Override
        public void lit(long n) {
        }

        @Override
        public void off() {
        }

        @Override
        public void tooSlow() {
            tooSlow.add(VirtualBoard.ms(board.clock.nanoTime()));
        }
    };

    /** The board takes {@code writeMs} of the loop's clock for each write, and {@code stallMs} more at write {@code stallAt}. */
    private PinListener slowBoard(VirtualBoard b, long writeMs, int stallAt, long stallMs) {
        int[] writes = {0};
        return (pin, level, nanos) -> {
            if (!pin.equals(PinId.gpio(16))) {
                return;
            }
            if (level == 1) {
                litAt.add(VirtualBoard.ms(nanos));
            }
            writes[0]++;
            b.clock.advance(Duration.ofMillis(writeMs + (writes[0] == stallAt ? stallMs : 0)));
        };
    }

    @Test
    void onASlowBoardTheDurationIsABoundAndLateFlashesAreSkippedAndToldOnce() {
        try (VirtualBoard b = board) {
            // on and off take 7 ms each: a 10 ms period cannot be met
            b.sim.addPinListener(slowBoard(b, 7, -1, 0));
            Blinker blinker = new Blinker(10 * MS, 5 * MS, null);
            long[] ended = new long[2];
            b.loop.run(() -> {
                var led = b.pico.output(16);
                ended[0] = b.loop.nowNanos();
                blinker.run(b.loop, led, ended[0] + 3_000 * MS, watcher);
                ended[1] = b.loop.nowNanos();
                return null;
            });
            long ranMs = (ended[1] - ended[0]) / MS;
            // the last flash is cut at the end; its off and the closing off are a write each
            assertTrue(ranMs <= 3_000 + 2 * 7, "ran " + ranMs + " ms for --duration 3s");
            // each flash takes 14 ms, so of the 300 grid points in 3 s every other one is too late
            assertEquals(150, blinker.flashes(), "flashes");
            assertEquals(150, blinker.skipped(), "skipped");
            assertEquals(1, tooSlow.size(), "told once: " + tooSlow);
            for (int i = 1; i < litAt.size(); i++) {
                assertEquals(20, litAt.get(i) - litAt.get(i - 1), "on the 10 ms grid, every other point: " + litAt);
            }
        }
    }

    @Test
    void afterAStalledHostTheMissedFlashesAreSkippedNotReplayedAsABurst() {
        try (VirtualBoard b = board) {
            // the third write (set-up, on, then the first flash's off) takes 5 s: the host stood still
            b.sim.addPinListener(slowBoard(b, 0, 3, 5_000));
            Blinker blinker = new Blinker(100 * MS, 50 * MS, 6L);
            b.loop.run(() -> {
                blinker.run(b.loop, b.pico.output(16), Long.MAX_VALUE, watcher);
                return null;
            });
            long t0 = litAt.getFirst();
            assertEquals(List.of(0L, 5_100L, 5_200L, 5_300L, 5_400L, 5_500L),
                    litAt.stream().map(t -> t - t0).toList(), "the flashes after the stall keep the grid, none early");
            assertEquals(6, blinker.flashes());
            assertEquals(50, blinker.skipped(), "the flashes due at 100 to 5000 ms");
            assertEquals(1, tooSlow.size());
        }
    }

    /**
     * A flash whose off lands well after the end (the host stalled in its last moments): the grid
     * points after the end are neither flashed nor counted as skipped. Before, they were counted:
     * 47 flashes and 260 skipped for 3 s of a 10 ms grid on the emulated board.
     */
    @Test
    void pointsAfterTheEndAreNotCountedAsSkipped() {
        try (VirtualBoard b = board) {
            // set-up, on, then the first flash's off takes 2 s, far past the 1 s end
            b.sim.addPinListener(slowBoard(b, 0, 3, 2_000));
            Blinker blinker = new Blinker(100 * MS, 50 * MS, null);
            b.loop.run(() -> {
                var led = b.pico.output(16);
                blinker.run(b.loop, led, b.loop.nowNanos() + 1_000 * MS, watcher);
                return null;
            });
            assertEquals(1, blinker.flashes());
            assertEquals(9, blinker.skipped(), "the points due at 100 to 900 ms; not those after the end");
        }
    }
}
