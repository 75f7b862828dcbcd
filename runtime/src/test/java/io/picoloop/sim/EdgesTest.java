package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.PinId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The debounce and queue rules alone: no link, no device thread, every step synchronous. */
class EdgesTest {

    private static final PinId GP14 = PinId.gpio(14);

    private final AtomicLong nanos = new AtomicLong();
    private final Clock clock = new Clock(nanos::get);
    private final PinDriver pins = new PinDriver(clock);
    private final List<String> lines = new ArrayList<>();
    private final Edges watcher = new Edges(pins, clock, lines::add);

    /** What a button does: the pin changes, the interrupt queues it, at {@code us} after boot. */
    private void put(int level, long us) {
        pins.putOutside(GP14, level);
        watcher.edge(GP14, us * 1000);
    }

    /** {@code watch 14 up <debounceMs>}; returns the level its reply carries. */
    private int watch(int debounceMs) {
        pins.setUpInput(GP14, "up");
        return watcher.watch(GP14, debounceMs);
    }

    @Test
    void theFirstEdgeAtOnceBouncesSwallowedAGlitchCorrectedAtTheWindowsEnd() {
        assertEquals(1, watch(20));
        put(0, 1000);
        put(1, 1500);
        put(0, 2000);
        put(1, 2500);
        watcher.drain();
        assertEquals(List.of("! edge 14 0 1000 1"), lines);
        assertTrue(watcher.windowOpen());

        nanos.set(21_000_000);
        watcher.drain();
        assertEquals(List.of("! edge 14 0 1000 1", "! edge 14 1 2500 2"), lines);
        assertFalse(watcher.windowOpen());
    }

    @Test
    void anOverflowIsLostThenTheTrueLevelStampedNow() {
        watch(20);
        for (int i = 0; i < SimulatedPico.EDGE_QUEUE + 6; i++) {
            put(i % 2 == 0 ? 0 : 1, i);
        }
        nanos.set(7_000_000);
        watcher.drain();
        assertEquals(List.of("! edge 14 0 0 1", "! lost 6 2", "! edge 14 1 7000 3"), lines);
        assertFalse(watcher.windowOpen());
    }

    @Test
    void watchForgetsEdgesQueuedBeforeIt() {
        watch(20);
        put(0, 1000);
        assertEquals(0, watch(20)); // the reply already carries the press
        watcher.drain();
        assertEquals(List.of(), lines);
    }
}
