package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common case written plainly: a main task without a result, tasks without names, a rate without drift. */
class PlainProgramsTest {

    private final VirtualClock clock = new VirtualClock(0);
    private final EventLoop loop = EventLoop.create(clock);

    @Test
    void aMainTaskWithoutAResultNeedsNoReturn() {
        List<String> done = new ArrayList<>();
        loop.run(() -> {
            Async.sleepMs(10);
            done.add("slept until " + loop.nowNanos() / 1_000_000);
        });
        assertEquals(List.of("slept until 10"), done);
    }

    @Test
    void tasksWithoutANameAreNumberedInSpawnOrder() {
        List<String> names = new ArrayList<>();
        loop.run(() -> {
            Task<Void> a = loop.spawn(() -> Async.sleepMs(1));
            Task<Integer> b = loop.spawn(() -> 42);
            Task<Void> c = Async.spawn(() -> Async.sleepMs(1));     // asyncio's create_task
            names.addAll(List.of(a.name(), b.name(), c.name()));
            assertEquals(42, Async.gather(b).getFirst());
        });
        assertEquals(List.of("task 1", "task 2", "task 3"), names);
    }

    /**
     * A write that waits 19 ms for its reply (the Lab's round trip on the emulated board): slept
     * after, it toggles every 169 ms; repeated on a Ticker, every 150 ms on the dot.
     */
    @Test
    void repeatKeepsTheRateWhileSleepAfterTheWriteAddsItsRoundTrip() {
        List<Long> slept = new ArrayList<>();
        List<Long> repeated = new ArrayList<>();
        loop.run(() -> {
            Task<Void> sleeper = Async.spawn(() -> {
                while (true) {
                    slept.add(loop.nowNanos() / 1_000_000);
                    Async.sleepMs(19);      // toggle(): the round trip
                    Async.sleepMs(150);
                }
            });
            Async.repeat(Duration.ofMillis(150), () -> {
                repeated.add(loop.nowNanos() / 1_000_000);
                Async.sleepMs(19);
            });
            Async.sleepMs(1000);
            sleeper.cancel();
        });
        assertEquals(List.of(0L, 169L, 338L, 507L, 676L, 845L), slept);
        assertEquals(List.of(0L, 150L, 300L, 450L, 600L, 750L, 900L), repeated);
    }

    @Test
    void repeatSkipsTheTicksABodyOverranAndSaysSo() {
        RecordingReporter reporter = new RecordingReporter();
        loop.setReporter(reporter);
        List<Long> runs = new ArrayList<>();
        loop.run(() -> {
            Async.repeat(Duration.ofMillis(100), () -> {
                runs.add(loop.nowNanos() / 1_000_000);
                Async.sleepMs(runs.size() == 2 ? 250 : 10);     // the second run overruns two ticks
            });
            Async.sleepMs(650);
        });
        assertEquals(List.of(0L, 100L, 400L, 500L, 600L), runs, "no burst after the overrun");
        assertTrue(reporter.lines.stream().anyMatch(l -> l.startsWith("overrun task 'task 1' 2")), reporter.lines.toString());
    }

    @Test
    void repeatRefusesAPeriodOfZero() {
        loop.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Async.repeat(Duration.ZERO, () -> { }));
        });
    }
}
