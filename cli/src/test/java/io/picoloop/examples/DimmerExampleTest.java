package io.picoloop.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.device.Pico;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.PinListener;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * examples/dimmer/Dimmer.java compiled as a user would run it, on the simulated Pico (its own
 * clock: the board times the pot's samples): each position the pot is turned to becomes the red
 * LED's duty, and the LED is low once the program is stopped (as Ctrl-C stops it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DimmerExampleTest {

    @Test
    void theLedsDutyFollowsThePot() throws Exception {
        BlockingQueue<Integer> duties = new LinkedBlockingQueue<>();
        try (URLClassLoader example = JavaSource.compile(RepoRoot.get().resolve("examples/dimmer/Dimmer.java"));
             SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            sim.addPinListener(new PinListener() {
                @Override
                public void pinChanged(PinId pin, int level, long nanos) {
                    if (pin.equals(PinId.gpio(16)) && level == 0) {
                        duties.add(0);      // PWM ended: a plain output, low
                    }
                }

                @Override
                public void pwmChanged(PinId pin, int duty, boolean running, long nanos) {
                    if (pin.equals(PinId.gpio(16))) {
                        duties.add(duty);
                    }
                }
            });
            Method dim = example.loadClass("Dimmer").getDeclaredMethod("dim", Pico.class, Duration.class);
            dim.setAccessible(true);
            EventLoop loop = EventLoop.create();
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> {
                try {
                    loop.run(() -> {
                        try {
                            dim.invoke(null, pico, Duration.ofMinutes(1));
                        } catch (InvocationTargetException e) {
                            throw e.getCause() instanceof RuntimeException r ? r : e;     // the cancel, as it was thrown
                        }
                    });
                } catch (CancelledException stopped) {
                    // as Ctrl-C stops it
                }
            });
            for (int value : List.of(10_000, 40_000, 65_535, 0, 20_000)) {
                sim.setAnalog("26", value);
                assertNotNull(awaitDuty(duties, value), "the LED never took the pot's " + value + ": " + duties);
            }
            loop.requestStop();
            ran.get(20, TimeUnit.SECONDS);
            pico.allOff();      // as Picoloop.run ends
            assertNotNull(awaitDuty(duties, 0), "low at the end");
            List<Integer> after = new ArrayList<>();
            duties.drainTo(after);
            assertTrue(after.stream().allMatch(d -> d == 0), "nothing lit it again: " + after);
        }
    }

    /** The first duty equal to {@code value} that the LED takes, or null within 10 s. */
    private static Integer awaitDuty(BlockingQueue<Integer> duties, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Integer d;
        do {
            d = duties.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (d != null && d != value);
        return d;
    }
}
