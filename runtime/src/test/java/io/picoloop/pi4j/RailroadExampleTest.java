package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compiles examples/pi4j-railroad/RailroadCrossing.java as a user would run it and drives it
 * against the simulated Pico, the Pi's button being {@link PiGpioStandIn}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RailroadExampleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long RAILROAD_FLASH_MS = 500;

    private static URLClassLoader example() throws Exception {
        return JavaSource.compile(RepoRoot.get().resolve("examples/pi4j-railroad/RailroadCrossing.java"));
    }

    @Test
    void aPicoButtonThroughPi4jStartsAndStopsTheCrossingToo() throws Exception {
        try (var loader = example();
             PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            Method run = loader.loadClass("RailroadCrossing")
                    .getMethod("runWithPicoButton", PiAndPico.class, int.class, EventLoop.class);
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            EventLoop loop = EventLoop.create();
            Running example = start(run, gpio, 16, loop);
            CompletableFuture<Integer> result = example.result();
            try {
                awaitTrue(() -> gpio.pico().hasIO("pico-button"), "the example creates its Pico button");
                assertTrue(sim.watchedPins().contains(io.picoloop.protocol.PinId.gpio(16)), "the board watches GP16");
                PicoDigitalInput button = gpio.pico().io("pico-button");
                // awaitPress is two waits per press (released?, then pressed?): press once the
                // example waits for the press (pressed earlier, awaitPress would wait for a release)
                awaitTrue(() -> PiInputs.waitsBegun(button) >= 2, "the example waits for a press");
                sim.press("16");
                awaitTrue(() -> sim.level("25").orElse(-1) == 1, "onboard LED: crossing on");
                sim.release("16");
                awaitTrue(() -> sim.level("14").orElse(-1) == 1 || sim.level("15").orElse(-1) == 1,
                        "a light flashes");
                awaitTrue(() -> PiInputs.waitsBegun(button) >= 4, "the example waits for the next press");
                sim.press("16");
                awaitTrue(() -> sim.level("25").orElse(-1) == 0, "onboard LED: crossing off");
                sim.release("16");
                loop.requestStop();
                assertEquals(2, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } finally {
                loop.requestStop();
                example.thread().join(WAIT);
            }
        }
    }

    @Test
    void aPiButtonStartsAndStopsTheFlashingPicoLights() throws Exception {
        try (var loader = example();
             PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            Method run = loader.loadClass("RailroadCrossing")
                    .getMethod("run", PiAndPico.class, int.class, EventLoop.class);
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            List<String> changes = new CopyOnWriteArrayList<>();
            sim.addPinListener((pin, level, nanos) -> changes.add(pin.token() + "=" + level));
            EventLoop loop = EventLoop.create();
            Running example = start(run, gpio, 17, loop);
            CompletableFuture<Integer> result = example.result();
            try {
                PiGpioStandIn.Input button = awaitButton(gpio);
                // PiInputs.awaitPress is two waits (released?, then pressed?) per press: press
                // only once the example listens for it, as a person would wait for the program
                button.awaitWaitsBegun(2, WAIT);
                button.drive(DigitalState.LOW); // press: crossing on
                awaitTrue(() -> sim.level("25").orElse(-1) == 1, "onboard LED: crossing on");
                button.drive(DigitalState.HIGH);
                awaitTrue(() -> changes.stream().filter(c -> c.equals("14=1") || c.equals("15=1")).count() >= 2,
                        "GP14 and GP15 flash in turn: " + changes);
                button.awaitWaitsBegun(4, WAIT);
                button.drive(DigitalState.LOW); // press: crossing off
                awaitTrue(() -> sim.level("25").orElse(-1) == 0, "onboard LED: crossing off");
                button.drive(DigitalState.HIGH);
                // "off" cancels the lights task, whose finally switches both lights off
                awaitTrue(() -> sim.level("14").orElse(-1) == 0 && sim.level("15").orElse(-1) == 0,
                        "both lights off: " + changes);
                int offAt = changes.size();
                Thread.sleep(RAILROAD_FLASH_MS + 200); // an observation window, not a synchronisation
                assertEquals(List.of(), changes.subList(offAt, changes.size()).stream()
                        .filter(c -> c.endsWith("=1")).toList(), "nothing lights up once the crossing is off");
                loop.requestStop();
                assertEquals(2, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } finally {
                loop.requestStop(); // idempotent; never leave the example running after a failure
                example.thread().join(WAIT);
            }
        }
    }

    /** The example running on a thread of its own, as its main would run it. */
    private record Running(Thread thread, CompletableFuture<Integer> result) {
    }

    private static Running start(Method run, PiAndPico gpio, int button, EventLoop loop) {
        var result = new CompletableFuture<Integer>();
        Thread t = Thread.ofPlatform().daemon().name("railroad-example").start(() -> {
            try {
                result.complete((Integer) run.invoke(null, gpio, button, loop));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Running(t, result);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    private static PiGpioStandIn.Input awaitButton(PiAndPico gpio) throws InterruptedException {
        awaitTrue(() -> gpio.pi().hasIO("button"), "the example creates its button");
        PiGpioStandIn.Input b = gpio.pi().io("button");
        assertNotNull(b);
        return b;
    }
}
