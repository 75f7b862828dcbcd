package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutsAndGatherTest {
    private final EventLoop loop = EventLoop.create(new VirtualClock());
    private final List<String> trace = new ArrayList<>();

    private long ms() {
        return loop.nowNanos() / 1_000_000;
    }

    @Test
    void waitForReturnsTheBodysValueInTime() {
        assertEquals("ok", loop.run(() -> Async.waitFor(Duration.ofMillis(100), () -> {
            Async.sleepMs(50);
            return "ok";
        })));
    }

    @Test
    void waitForCancelsTheBodyRunsItsCleanupAndThrows() {
        var e = assertThrows(TaskTimeoutException.class, () -> loop.run(() -> Async.waitFor(Duration.ofMillis(100), () -> {
            try {
                Async.sleepMs(1000);
                return "late";
            } finally {
                trace.add("cleanup@" + ms());
            }
        })));
        assertEquals("task 'main' timed out after 100 ms", e.getMessage());
        assertEquals(List.of("cleanup@100"), trace);
    }

    @Test
    void nestedTimeoutsEachCatchTheirOwn() {
        String r = loop.run(() -> Async.waitFor(Duration.ofMillis(500), () -> {
            try {
                Async.waitFor(Duration.ofMillis(10), () -> {
                    Async.sleepMs(100);
                    return null;
                });
            } catch (TaskTimeoutException inner) {
                trace.add("inner@" + ms());
            }
            Async.sleepMs(20);
            return "outer fine@" + ms();
        }));
        assertEquals("outer fine@30", r);
        assertEquals(List.of("inner@10"), trace);
    }

    @Test
    void aRealCancelIsNotMistakenForATimeout() {
        Task<Object> t = loop.spawn("t", () -> Async.waitFor(Duration.ofMillis(100), () -> {
            Async.sleepMs(1000);
            return null;
        }));
        loop.runLater(Duration.ofMillis(5), t::cancel);
        loop.runFor(Duration.ofMillis(200));
        assertTrue(t.isCancelled());
    }

    @Test
    void gatherReturnsResultsInOrder() {
        List<Integer> r = loop.run(() -> Async.gather(
                () -> {
                    Async.sleepMs(30);
                    return 1;
                },
                () -> {
                    Async.sleepMs(10);
                    return 2;
                }));
        assertEquals(List.of(1, 2), r);
        assertEquals(30, ms());
    }

    @Test
    void gatherCancelsTheOthersWhenOneFails() {
        var e = assertThrows(IllegalStateException.class, () -> loop.run(() -> Async.gather(
                () -> {
                    try {
                        Async.sleepMs(1000);
                    } finally {
                        trace.add("slow cleaned up@" + ms());
                    }
                    return 1;
                },
                () -> {
                    Async.sleepMs(10);
                    throw new IllegalStateException("sensor unplugged");
                })));
        assertEquals("sensor unplugged", e.getMessage());
        assertEquals(List.of("slow cleaned up@10"), trace);
    }

    @Test
    void firstOfReturnsTheWinnerAndCancelsTheRest() {
        String r = loop.run(() -> Async.firstOf(
                () -> {
                    try {
                        Async.sleepMs(100);
                        return "button";
                    } finally {
                        trace.add("button cleanup@" + ms());
                    }
                },
                () -> {
                    Async.sleepMs(20);
                    return "timeout";
                }));
        assertEquals("timeout", r);
        assertEquals(List.of("button cleanup@20"), trace);
    }

    @Test
    void taskResultAndExceptionAreAvailableToOtherTasks() {
        String r = loop.run(() -> {
            Task<String> ok = loop.spawn("ok", () -> {
                Async.sleepMs(5);
                return "value";
            });
            Task<String> bad = loop.spawn("bad", () -> {
                throw new java.io.IOException("port gone");
            });
            String v = ok.result();
            var e = assertThrows(TaskFailedException.class, bad::result);
            return v + "/" + e.getCause().getMessage();
        });
        assertEquals("value/port gone", r);
    }
}
