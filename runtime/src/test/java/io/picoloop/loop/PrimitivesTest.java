package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimitivesTest {
    private final VirtualClock clock = new VirtualClock();
    private final EventLoop loop = EventLoop.create(clock);
    private final List<String> trace = new ArrayList<>();

    private long ms() {
        return loop.nowNanos() / 1_000_000;
    }

    @Test
    void eventWakesAllWaitersInFifoOrder() {
        Event ev = new Event();
        for (String n : List.of("a", "b")) {
            loop.spawn(n, () -> {
                ev.await();
                trace.add(n + "@" + ms());
            });
        }
        loop.runLater(Duration.ofMillis(5), ev::set);
        loop.runFor(Duration.ofMillis(10));
        assertEquals(List.of("a@5", "b@5"), trace);
        assertTrue(ev.isSet());
    }

    @Test
    void lockIsHandedToWaitersInFifoOrder() {
        Lock lock = new Lock();
        for (String n : List.of("a", "b", "c")) {
            loop.spawn(n, () -> {
                try (var held = lock.acquire()) {
                    trace.add(n + " in@" + ms());
                    Async.sleepMs(10);
                }
            });
        }
        loop.runFor(Duration.ofMillis(50));
        assertEquals(List.of("a in@0", "b in@10", "c in@20"), trace);
        assertFalse(lock.isLocked());
    }

    @Test
    void releasingALockOneDoesNotHoldIsAClearErrorAndTheLoopGoesOn() {
        Lock lock = new Lock();
        loop.spawn("owner", () -> {
            lock.acquire();
            Async.sleepMs(100);
        });
        Task<Void> thief = loop.spawn("thief", lock::release);
        loop.spawn("other", () -> trace.add("other ran"));
        loop.setExceptionHandler((src, e) -> trace.add(src + ": " + e.getMessage()));
        loop.runFor(Duration.ofMillis(10));
        assertEquals("release of a lock held by task 'owner' from task 'thief'", thief.exception().getMessage());
        assertTrue(trace.contains("other ran"));
    }

    @Test
    void cancelledLockWaiterDoesNotKeepTheLock() {
        Lock lock = new Lock();
        loop.spawn("a", () -> {
            try (var held = lock.acquire()) {
                Async.sleepMs(10);
            }
        });
        Task<Void> b = loop.spawn("b", () -> {
            try (var held = lock.acquire()) {
                trace.add("b got it");
            }
        });
        loop.spawn("c", () -> {
            try (var held = lock.acquire()) {
                trace.add("c got it@" + ms());
            }
        });
        loop.runLater(Duration.ofMillis(5), b::cancel);
        loop.runFor(Duration.ofMillis(20));
        assertEquals(List.of("c got it@10"), trace);
        assertTrue(b.isCancelled());
    }

    @Test
    void semaphoreLimitsConcurrency() {
        Semaphore sem = new Semaphore(2);
        for (String n : List.of("a", "b", "c", "d")) {
            loop.spawn(n, () -> {
                sem.acquire();
                try {
                    trace.add(n + "@" + ms());
                    Async.sleepMs(10);
                } finally {
                    sem.release();
                }
            });
        }
        loop.runFor(Duration.ofMillis(30));
        assertEquals(List.of("a@0", "b@0", "c@10", "d@10"), trace);
        assertEquals(2, sem.available());
    }

    @Test
    void boundedQueuePutAwaitsWhenFullAndGetAwaitsWhenEmpty() {
        BoundedQueue<Integer> q = new BoundedQueue<>("q", 2);
        loop.spawn("producer", () -> {
            for (int i = 0; i < 4; i++) {
                q.put(i);
                trace.add("put" + i + "@" + ms());
            }
            q.close();
        });
        loop.spawn("consumer", () -> {
            try {
                while (true) {
                    Async.sleepMs(10);
                    trace.add("got" + q.get() + "@" + ms());
                }
            } catch (QueueClosedException e) {
                trace.add(e.getMessage());
            }
        });
        loop.runFor(Duration.ofMillis(100));
        assertEquals(List.of("put0@0", "put1@0", "got0@10", "put2@10", "got1@20", "put3@20", "got2@30", "got3@40",
                "get from closed and empty queue 'q'"), trace);
    }

    @Test
    void puttingToAClosedQueueSaysSo() {
        BoundedQueue<String> q = new BoundedQueue<>("replies", 1);
        q.close();
        var e = assertThrows(QueueClosedException.class, () -> q.offer("x"));
        assertEquals("put to closed queue 'replies'", e.getMessage());
    }

    @Test
    void barrierReleasesAllWhenTheLastArrives() {
        Barrier b = new Barrier(3);
        for (int i = 1; i <= 3; i++) {
            int delay = i * 10;
            loop.spawn("t" + i, () -> {
                Async.sleepMs(delay);
                int idx = b.await();
                trace.add("t" + delay / 10 + " idx" + idx + "@" + ms());
            });
        }
        loop.runFor(Duration.ofMillis(50));
        assertEquals(List.of("t3 idx2@30", "t1 idx0@30", "t2 idx1@30"), trace);
    }

    @Test
    void retriggerableDelayExpiresOnlyAfterTheLastTrigger() {
        RetriggerableDelay backlight = new RetriggerableDelay(loop, Duration.ofMillis(100),
                () -> trace.add("off@" + ms()));
        loop.spawn("keys", () -> {
            for (int i = 0; i < 3; i++) {
                backlight.trigger();
                Async.sleepMs(50);
            }
            trace.add("running=" + backlight.running());
        });
        loop.spawn("waiter", () -> {
            backlight.await();
            trace.add("waiter@" + ms());
        });
        loop.runFor(Duration.ofMillis(500));
        assertEquals(List.of("running=true", "off@200", "waiter@200"), trace);
        assertFalse(backlight.running());
    }

    @Test
    void threadSafeFlagWakesATaskFromAnotherThread() {
        ThreadSafeFlag flag = new ThreadSafeFlag(loop);
        String got = loop.run(() -> {
            Thread.ofPlatform().start(() -> {
                EventLoopTest.sleepQuietly(10);
                flag.set();
            });
            flag.await();
            return "woken";
        });
        assertEquals("woken", got);
    }

    @Test
    void tickerStaysOnAbsoluteDeadlinesAndSkipsMissedTicks() {
        RecordingReporter reporter = new RecordingReporter();
        loop.setReporter(reporter);
        loop.spawn("blink", () -> {
            Ticker tick = new Ticker(Duration.ofMillis(10));
            for (int i = 0; i < 5; i++) {
                if (i == 2) {
                    clock.advance(Duration.ofMillis(13));   // some slow work
                }
                tick.await();
                trace.add("" + ms());
            }
        });
        loop.runFor(Duration.ofMillis(100));
        assertEquals(List.of("10", "20", "40", "50", "60"), trace);
        assertEquals(List.of("overrun task 'blink' 1"), reporter.lines);
    }
}
