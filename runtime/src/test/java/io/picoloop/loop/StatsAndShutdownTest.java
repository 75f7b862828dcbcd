package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Finished tasks in stats, close() with a task that ignores cancellation, timer reuse. */
class StatsAndShutdownTest {
    private final VirtualClock clock = new VirtualClock();
    private final EventLoop loop = EventLoop.create(clock);
    private final RecordingReporter reports = new RecordingReporter();

    @Test
    void statsAfterARunListTheTasksThatRanAggregatedByName() {
        loop.run(() -> {
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(loop.spawn("worker", () -> {
                    for (int k = 0; k < 4; k++) {
                        Async.sleepMs(10);
                    }
                }));
            }
            Async.gather(workers);
            return null;
        });
        LoopStats s = loop.stats();
        LoopStats.TaskLine worker = s.tasks().stream().filter(t -> t.name().equals("worker")).findFirst().orElseThrow();
        assertTrue(worker.finished());
        assertEquals(3, worker.tasks());
        assertEquals(3 * 5, worker.switches());     // 4 sleeps + the final exit, each
        assertTrue(s.tasks().stream().anyMatch(t -> t.name().equals("main") && t.finished()));
        assertTrue(s.toString().contains("finished x3"), s.toString());
    }

    @Test
    void finishedTaskNamesAreBoundedTheRestSummedInOneLine() {
        loop.run(() -> {
            for (int i = 0; i < LoopStats.MAX_FINISHED_NAMES + 50; i++) {
                loop.spawn("t" + i, Async::yieldNow);
            }
            Async.sleepMs(1);
            return null;
        });
        List<LoopStats.TaskLine> lines = loop.stats().tasks();
        assertEquals(LoopStats.MAX_FINISHED_NAMES + 1, lines.size());
        LoopStats.TaskLine other = lines.getLast();
        assertEquals(LoopStats.OTHER_FINISHED, other.name());
        assertEquals(51, other.tasks());    // 'main' took one of the named slots
    }

    @Test
    void closeReportsATaskThatSwallowsCancellationAndStillRunsTheCloseHooks() {
        loop.setReporter(reports);
        loop.setCloseGrace(Duration.ofSeconds(1));
        boolean[] hookRan = {false};
        int[] loops = {0};
        String result = loop.run(() -> {
            loop.onClose(() -> hookRan[0] = true);
            loop.spawn("stubborn", () -> {
                while (true) {
                    try {
                        Async.sleepMs(100);
                        loops[0]++;
                    } catch (CancelledException e) {
                        // wrong, but it happens: keep going
                    }
                }
            });
            loop.spawn("polite", () -> Async.sleepMs(60_000));
            Async.sleepMs(250);
            return "done";
        });
        assertEquals("done", result);
        assertTrue(hookRan[0]);
        assertTrue(loop.isClosed());
        assertEquals(List.of("ignored task 'stubborn'"), reports.lines);
        // it kept running for the grace period of loop time (100 ms sleeps), then was left behind
        assertTrue(loops[0] >= 10, "loops " + loops[0]);
        assertTrue(clock.nanoTime() <= Duration.ofMillis(250 + 1000 + 100).toNanos());
    }

    @Test
    void closeAlsoGivesUpOnABusyTaskThatNeverSleepsEvenOnTheVirtualClock() {
        loop.setReporter(reports);
        loop.setCloseGrace(Duration.ofMillis(50));      // on a virtual clock this bounds real time
        loop.run(() -> {
            loop.spawn("spinner", () -> {
                while (true) {
                    try {
                        Async.yieldNow();
                    } catch (CancelledException e) {
                        // swallowed
                    }
                }
            });
            Async.yieldNow();
            return null;
        });
        assertEquals(List.of("ignored task 'spinner'"), reports.lines);
    }

    @Test
    void aTaskCancelledInASleepCanSleepAgainInItsCleanup() {
        List<Long> wokeAt = new ArrayList<>();
        Task<Void> t = loop.spawn("sleeper", () -> {
            try {
                Async.sleepMs(1_000);
            } finally {
                Async.sleepMs(30);      // reuses the task's timer after the cancelled sleep
                wokeAt.add(clock.nanoTime());
            }
        });
        loop.runFor(Duration.ofMillis(100));
        t.cancel();
        loop.runFor(Duration.ofSeconds(5));
        assertEquals(List.of(Duration.ofMillis(130).toNanos()), wokeAt);
        assertTrue(t.isCancelled());
        loop.close();
    }

    @Test
    void timerQueueKeepsDeadlineThenSequenceOrderAcrossRemovals() {
        TimerQueue q = new TimerQueue();
        Random r = new Random(42);
        List<Timer> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Timer t = new Timer(loop, "t" + i, r.nextInt(100), 0, () -> { }, null);
            q.add(t);
            all.add(t);
        }
        int removed = 0;
        for (int i = 0; i < all.size(); i += 3) {
            assertTrue(q.remove(all.get(i)));
            assertFalse(q.remove(all.get(i)));
            removed++;
        }
        assertEquals(all.size() - removed, q.size());
        Timer prev = null;
        Timer t;
        int n = 0;
        while ((t = q.pollDue(Long.MAX_VALUE - 1)) != null) {
            if (prev != null) {
                assertTrue(prev.deadline < t.deadline || prev.deadline == t.deadline && prev.seq < t.seq);
            }
            assertEquals(-1, t.heapIndex);
            prev = t;
            n++;
        }
        assertEquals(all.size() - removed, n);
        assertEquals(TimerQueue.NONE, q.nextDeadline());
    }

    @Test
    void aCancelledRunLaterNeverRunsAndLeavesNothingQueued() {
        boolean[] ran = {false};
        Timer t = loop.runLater(Duration.ofMillis(10), () -> ran[0] = true);
        t.cancel();
        loop.runFor(Duration.ofMillis(50));
        assertFalse(ran[0]);
        assertEquals(-1, t.heapIndex);
        loop.close();
    }
}
