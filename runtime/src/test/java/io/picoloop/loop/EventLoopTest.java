package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private final VirtualClock clock = new VirtualClock();
    private final EventLoop loop = EventLoop.create(clock);

    @Test
    void anHourOfBlinkingRunsInstantlyAndStaysInPhase() {
        List<Long> toggles = new ArrayList<>();
        loop.spawn("blink", () -> {
            while (true) {
                toggles.add(loop.nowNanos());
                Async.sleepMs(500);
            }
        });
        loop.runFor(Duration.ofHours(1));
        assertEquals(7201, toggles.size());
        assertEquals(Duration.ofHours(1).toNanos(), toggles.getLast());
        loop.close();
    }

    @Test
    void aTaskBlockedOutsideAnAwaitKeepsTheLoopUntilItReturns() {
        // Thread.sleep unmounts a virtual thread; the loop must still not run anyone else,
        // whether tasks ride the loop's own thread or the JDK's pool.
        List<String> trace = new ArrayList<>();
        loop.setReporter(new RecordingReporter());
        loop.spawn("blocker", () -> {
            trace.add("blocker starts");
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            trace.add("blocker returns");
            Async.yieldNow();
            trace.add("blocker after yield");
        });
        loop.spawn("other", () -> trace.add("other runs"));
        loop.runUntilIdle();
        assertEquals(List.of("blocker starts", "blocker returns", "other runs", "blocker after yield"), trace);
        loop.close();
    }

    @Test
    void aLoopDrivenFromAVirtualThreadRunsItsTasksToo() throws Exception {
        // A virtual thread cannot carry another, so its tasks ride a spare platform thread.
        List<String> trace = new ArrayList<>();
        String[] result = new String[1];
        Thread driver = Thread.ofVirtual().start(() -> result[0] = loop.run(() -> {
            Task<Void> a = loop.spawn("a", () -> {
                trace.add("a1");
                Async.sleepMs(20);
                trace.add("a2");
            });
            loop.spawn("b", () -> trace.add("b"));
            a.result();
            return "done";
        }));
        driver.join(10_000);
        assertEquals("done", result[0]);
        assertEquals(List.of("a1", "b", "a2"), trace);
        assertEquals(Duration.ofMillis(20).toNanos(), clock.nanoTime());
    }

    @Test
    void tasksRideTheLoopThreadWhenJavaLangIsOpenedElseTheSharedPool() {
        // Surefire runs this class twice: with --add-opens (loop thread) and with
        // -Dpicoloop.carrier=shared; a JDK that dropped the hook would fail the first.
        boolean shared = "shared".equals(System.getProperty("picoloop.carrier"));
        Thread[] seen = new Thread[1];
        loop.spawn("where", () -> seen[0] = Thread.currentThread());
        loop.runUntilIdle();
        assertTrue(seen[0].isVirtual());
        assertEquals(!shared, loop.stats().tasksOnLoopThread());
        assertTrue(loop.stats().toString().contains(shared ? "shared virtual-thread pool" : "carried by the loop thread"));
        loop.close();
    }

    @Test
    void readyTasksRunInFifoOrderAndSwitchOnlyAtAwaitPoints() {
        List<String> trace = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            loop.spawn(name, () -> {
                for (int i = 0; i < 3; i++) {
                    trace.add(name + i);
                    trace.add(name + i + "'");   // no await between: never interleaved
                    Async.yieldNow();
                }
            });
        }
        loop.runFor(Duration.ZERO);
        assertEquals(List.of("a0", "a0'", "b0", "b0'", "c0", "c0'", "a1", "a1'", "b1", "b1'", "c1", "c1'",
                "a2", "a2'", "b2", "b2'", "c2", "c2'"), trace);
    }

    @Test
    void runReturnsMainResultAndCancelsTheRestRunningTheirFinallyBlocks() {
        List<String> trace = new ArrayList<>();
        int result = loop.run(() -> {
            loop.spawn("led", () -> {
                try {
                    while (true) {
                        Async.sleepMs(100);
                    }
                } finally {
                    trace.add("led off");
                }
            });
            Async.sleepMs(1000);
            return 42;
        });
        assertEquals(42, result);
        assertEquals(List.of("led off"), trace);
        assertTrue(loop.isClosed());
    }

    @Test
    void runRethrowsMainsException() {
        var e = assertThrows(IllegalArgumentException.class, () -> loop.run(() -> {
            Async.sleepMs(5);
            throw new IllegalArgumentException("boom");
        }));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void callbacksAndTasksShareTheLoopInDeadlineOrder() {
        List<String> trace = new ArrayList<>();
        loop.runLater(Duration.ofMillis(30), () -> trace.add("later@" + loop.nowNanos() / 1_000_000));
        loop.every(Duration.ofMillis(20), () -> trace.add("every@" + loop.nowNanos() / 1_000_000));
        loop.spawn("task", () -> {
            Async.sleepMs(10);
            trace.add("task@" + loop.nowNanos() / 1_000_000);
        });
        loop.runFor(Duration.ofMillis(60));
        assertEquals(List.of("task@10", "every@20", "later@30", "every@40", "every@60"), trace);
    }

    @Test
    void everyKeepsAbsoluteDeadlinesAndReportsOverrunsInsteadOfBursting() {
        List<Long> runs = new ArrayList<>();
        List<Long> overruns = new ArrayList<>();
        loop.setReporter(new RecordingReporter() {
            @Override
            public void overrun(String source, long missed) {
                overruns.add(missed);
            }
        });
        loop.every(Duration.ofMillis(10), () -> {
            runs.add(loop.nowNanos() / 1_000_000);
            if (runs.size() == 2) {
                clock.advance(Duration.ofMillis(25));   // this run takes 25 ms: overruns 2 ticks
            }
        });
        loop.runFor(Duration.ofMillis(80));
        assertEquals(List.of(10L, 20L, 50L, 60L, 70L, 80L), runs);
        assertEquals(List.of(2L), overruns);
    }

    @Test
    void postFromAnotherThreadWakesAnIdleLoop() {
        EventLoop real = EventLoop.create();
        String got = real.run(() -> {
            CompletableFuture<String> reply = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                sleepQuietly(20);
                real.post(() -> reply.complete("pong"));
            });
            return Async.await(reply);
        });
        assertEquals("pong", got);
    }

    @Test
    void awaitReturnsValueCompletedOnAnyThreadEvenOnTheVirtualClock() {
        String got = loop.run(() -> {
            CompletableFuture<String> reply = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                sleepQuietly(20);
                reply.complete("from serial thread");
            });
            return Async.await(reply);
        });
        assertEquals("from serial thread", got);
    }

    @Test
    void awaitRethrowsTheStagesFailure() {
        var e = assertThrows(IllegalStateException.class, () -> loop.run(() ->
                Async.await(CompletableFuture.failedFuture(new IllegalStateException("no reply")))));
        assertEquals("no reply", e.getMessage());
    }

    @Test
    void cancellationIsDeliveredAtTheNextAwaitPointAndFinallyRuns() {
        List<String> trace = new ArrayList<>();
        Task<Void> victim = loop.spawn("victim", () -> {
            try {
                Async.sleep(Duration.ofHours(1));
                trace.add("not reached");
            } catch (CancelledException e) {
                trace.add("cancelled at " + loop.nowNanos() / 1_000_000);
                throw e;
            } finally {
                trace.add("finally");
            }
        });
        loop.runLater(Duration.ofMillis(7), victim::cancel);
        loop.runFor(Duration.ofSeconds(1));
        assertEquals(List.of("cancelled at 7", "finally"), trace);
        assertTrue(victim.isCancelled());
        assertTrue(victim.exception() instanceof CancelledException);
    }

    @Test
    void awaitOutsideATaskSaysWhatIsWrong() {
        var e = assertThrows(IllegalStateException.class, () -> Async.sleepMs(1));
        assertEquals("Async.sleep called outside a picoloop task; use loop.spawn(...)", e.getMessage());
        assertThrows(IllegalStateException.class, Async::yieldNow);
        assertThrows(IllegalStateException.class, () -> Async.await(new CompletableFuture<>()));
    }

    @Test
    void inTaskIsFalseInCallbacksAndTrueInTasks() {
        List<Boolean> seen = new ArrayList<>();
        loop.spawn("t", () -> seen.add(Async.inTask()));
        loop.runLater(Duration.ZERO, () -> seen.add(Async.inTask()));
        loop.runFor(Duration.ofMillis(1));
        assertEquals(List.of(true, false), seen);
        assertTrue(!Async.inTask());
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
