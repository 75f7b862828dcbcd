package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hook a signal runs ({@link StopOnSignal}), started here by hand as the JVM would start it:
 * it stops the loop (the tasks' finally blocks run) and holds the JVM until the program has switched
 * its outputs off.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StopOnSignalTest {

    @Test
    void theHookCancelsTheTasksAndWaitsUntilTheOutputsAreOff() throws Exception {
        EventLoop loop = EventLoop.create();
        AtomicReference<Thread> hook = new AtomicReference<>();
        StopOnSignal signal = StopOnSignal.install(loop, Duration.ofSeconds(20), hook::set);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread program = Thread.ofPlatform().start(() -> {
            try {
                loop.run(() -> {
                    try {
                        seen.add("running");
                        Async.sleep(Duration.ofHours(1));
                    } finally {
                        seen.add("finally");
                    }
                });
            } catch (CancelledException stopped) {
                seen.add("stopped");
            }
            seen.add("outputs off");
            signal.release();
        });
        while (!seen.contains("running")) {
            Thread.sleep(1);
        }
        assertFalse(signal.fired());
        hook.get().start();         // as the JVM does on SIGINT or SIGTERM
        hook.get().join();          // returns only once the program has released it
        assertEquals(List.of("running", "finally", "stopped", "outputs off"), seen);
        assertTrue(signal.fired());
        program.join();
    }

    @Test
    void afterANormalEndTheHookDoesNothing() throws Exception {
        EventLoop loop = EventLoop.create(new VirtualClock(0));
        AtomicReference<Thread> hook = new AtomicReference<>();
        StopOnSignal signal = StopOnSignal.install(loop, Duration.ofSeconds(20), hook::set);
        loop.run(() -> Async.sleepMs(5));
        signal.release();
        hook.get().start();
        hook.get().join(5_000);
        assertFalse(hook.get().isAlive(), "the JVM is not held");
        assertFalse(signal.fired());
    }

    @Test
    void theHookHoldsTheJvmAtMostTheGrace() throws Exception {
        EventLoop loop = EventLoop.create(new VirtualClock(0));
        AtomicReference<Thread> hook = new AtomicReference<>();
        StopOnSignal.install(loop, Duration.ofMillis(50), hook::set);       // never released
        hook.get().start();
        hook.get().join(10_000);
        assertFalse(hook.get().isAlive());
        assertThrows(NullPointerException.class, () -> StopOnSignal.install(loop, null, hook::set));
    }
}
