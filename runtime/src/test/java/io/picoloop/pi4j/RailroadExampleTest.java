package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles examples/pi4j-railroad/RailroadCrossing.java as a user would run it and drives it
 * against the simulated Pico, the Pi's button being {@link PiGpioStandIn}.
 */
class RailroadExampleTest {

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
            Thread.ofPlatform().name("railroad-example").start(() -> {
                try {
                    result.complete((Integer) run.invoke(null, gpio, 17, loop));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            PiGpioStandIn.Input button = awaitButton(gpio);
            button.drive(DigitalState.LOW); // press: crossing on
            button.drive(DigitalState.HIGH);
            Thread.sleep(1300); // the lights flash at 500 ms
            assertEquals(1, sim.level("25").orElse(-1), "onboard LED: crossing on");
            long flashes = changes.stream().filter(c -> c.equals("14=1") || c.equals("15=1")).count();
            assertTrue(flashes >= 2, "GP14 and GP15 flash in turn: " + changes);
            button.drive(DigitalState.LOW); // press: crossing off
            button.drive(DigitalState.HIGH);
            Thread.sleep(700);
            assertEquals(0, sim.level("25").orElse(-1));
            assertEquals(0, sim.level("14").orElse(-1));
            assertEquals(0, sim.level("15").orElse(-1));
            loop.requestStop();
            assertEquals(2, result.get(10, TimeUnit.SECONDS));
        }
    }

    private static PiGpioStandIn.Input awaitButton(PiAndPico gpio) throws InterruptedException {
        for (int i = 0; i < 200 && !gpio.pi().hasIO("button"); i++) {
            Thread.sleep(10);
        }
        PiGpioStandIn.Input b = gpio.pi().io("button");
        assertNotNull(b);
        Thread.sleep(50); // let the example's task reach its await
        return b;
    }
}
