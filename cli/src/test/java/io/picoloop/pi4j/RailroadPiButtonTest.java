package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.pi4j.io.gpio.digital.DigitalState;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * examples/pi4j-railroad/RailroadCrossing.java with its button on the Pi: the example's crossing
 * and Pi button on the simulated Pico, the Pi's GPIO being {@link PiGpioStandIn} (in this package
 * to press it). RailroadExampleTest runs the whole file as the launcher does, with the Pico's button.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RailroadPiButtonTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long RAILROAD_FLASH_MS = 500;

    @Test
    void aPiButtonStartsAndStopsTheFlashingPicoLights() throws Exception {
        try (var example = JavaSource.compile(RepoRoot.get().resolve("examples/pi4j-railroad/RailroadCrossing.java"));
             PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            Class<?> railroad = example.loadClass("RailroadCrossing");
            Method piButton = railroad.getDeclaredMethod("piButton", PiAndPico.class, int.class);
            Method crossing = railroad.getDeclaredMethod("crossing", PiAndPico.class, Runnable.class);
            piButton.setAccessible(true);
            crossing.setAccessible(true);
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            List<String> changes = new CopyOnWriteArrayList<>();
            sim.addPinListener((pin, level, nanos) -> changes.add(pin.token() + "=" + level));
            EventLoop loop = EventLoop.create();
            Thread running = Thread.ofPlatform().daemon().name("railroad-example").start(() -> {
                try {
                    loop.run(() -> crossing.invoke(null, gpio, piButton.invoke(null, gpio, 17)));
                } catch (CancelledException stopped) {
                    // requestStop below
                }
            });
            try {
                PiGpioStandIn.Input button = awaitButton(gpio);
                // PiInputs.awaitPress is two waits (released?, then pressed?) per press: press
                // only once the example listens for it, as a person would wait for the program
                button.awaitWaitsBegun(2, WAIT);
                button.drive(DigitalState.LOW); // press: crossing on
                awaitTrue(() -> sim.level("25").orElse(-1) == 1, "onboard LED: crossing on");
                button.drive(DigitalState.HIGH);
                awaitTrue(() -> changes.stream().filter(c -> c.equals("16=1") || c.equals("19=1")).count() >= 2,
                        "GP16 and GP19 flash in turn: " + changes);
                button.awaitWaitsBegun(4, WAIT);
                button.drive(DigitalState.LOW); // press: crossing off
                awaitTrue(() -> sim.level("25").orElse(-1) == 0, "onboard LED: crossing off");
                button.drive(DigitalState.HIGH);
                // "off" cancels the lights task, whose finally switches both lights off
                awaitTrue(() -> sim.level("16").orElse(-1) == 0 && sim.level("19").orElse(-1) == 0,
                        "both lights off: " + changes);
                int offAt = changes.size();
                Thread.sleep(RAILROAD_FLASH_MS + 200); // an observation window, not a synchronisation
                assertEquals(List.of(), changes.subList(offAt, changes.size()).stream()
                        .filter(c -> c.endsWith("=1")).toList(), "nothing lights up once the crossing is off");
            } finally {
                loop.requestStop(); // never leave the example running after a failure
                running.join(WAIT);
            }
        }
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
