package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.pi4j.io.gpio.digital.DigitalState;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compiles examples/pi4j-railroad/RailroadCrossing.java as a user would run it and drives it
 * against the simulated Pico, the Pi's button being {@link PiGpioStandIn}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RailroadExampleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aPiButtonStartsAndStopsTheFlashingPicoLights() throws Exception {
        Path source = RepoRoot.get().resolve("examples/pi4j-railroad/RailroadCrossing.java");
        Path out = Files.createTempDirectory("railroad");
        var errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, errors,
                "-d", out.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, "the example compiles: " + errors);

        try (var loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
             PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            Method run = loader.loadClass("RailroadCrossing")
                    .getMethod("run", PiAndPico.class, int.class, EventLoop.class);
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            List<String> changes = new CopyOnWriteArrayList<>();
            sim.addPinListener((pin, level, nanos) -> changes.add(pin.token() + "=" + level));
            EventLoop loop = EventLoop.create();
            var result = new CompletableFuture<Integer>();
            Thread example = Thread.ofPlatform().daemon().name("railroad-example").start(() -> {
                try {
                    result.complete((Integer) run.invoke(null, gpio, 17, loop));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            try {
                PiGpioStandIn.Input button = awaitButton(gpio);
                // PiInputs.awaitPress adds two listeners (released?, then pressed?) per press: press
                // only once the example listens for it, as a person would wait for the program
                button.awaitListenersAdded(2, WAIT);
                button.drive(DigitalState.LOW); // press: crossing on
                awaitTrue(() -> sim.level("25").orElse(-1) == 1, "onboard LED: crossing on");
                button.drive(DigitalState.HIGH);
                awaitTrue(() -> changes.stream().filter(c -> c.equals("14=1") || c.equals("15=1")).count() >= 2,
                        "GP14 and GP15 flash in turn: " + changes);
                button.awaitListenersAdded(4, WAIT);
                button.drive(DigitalState.LOW); // press: crossing off
                awaitTrue(() -> sim.level("25").orElse(-1) == 0, "onboard LED: crossing off");
                button.drive(DigitalState.HIGH);
                // the lights task sees "off" at its next flash (500 ms)
                awaitTrue(() -> sim.level("14").orElse(-1) == 0 && sim.level("15").orElse(-1) == 0,
                        "both lights off: " + changes);
                loop.requestStop();
                assertEquals(2, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } finally {
                loop.requestStop(); // idempotent; never leave the example running after a failure
                example.join(WAIT);
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
