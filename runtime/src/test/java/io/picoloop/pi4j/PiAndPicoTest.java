package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pi GPIO (Pi4J's auto context; {@link PiGpioStandIn} in place of the Pi's native plugin) and
 * Pico GPIO in one program, and a picoloop task waiting for a Pi4J input.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PiAndPicoTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static PiGpioStandIn.Input piButton(PiAndPico gpio, int bcm) {
        return (PiGpioStandIn.Input) gpio.pi().digitalInput().create(DigitalInput.newConfigBuilder(gpio.pi())
                .bcm(bcm).pull(PullResistance.PULL_UP).debounce(3000L));
    }

    @Test
    void aPiButtonTogglesAPicoLedAndTheSameAddressExistsOnBothSides() {
        try (PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            DigitalOutput led = gpio.pico().digitalOutput().create(25);
            // Pi GPIO 25 is another pin in another registry: no IOAlreadyExistsException
            DigitalOutput piOut = gpio.pi().digitalOutput().create(25);
            assertEquals(PiGpioStandIn.OUTPUT_ID, piOut.provider().id());
            assertEquals(PicoloopPi4J.DIGITAL_OUTPUT, led.provider().id());

            PiGpioStandIn.Input button = piButton(gpio, 17);
            button.addListener(e -> {
                if (e.state() == DigitalState.LOW) {
                    led.toggle();
                }
            });
            button.drive(DigitalState.LOW);
            assertEquals(OptionalInt.of(1), sim.level("25"));
            button.drive(DigitalState.HIGH);
            button.drive(DigitalState.LOW);
            assertEquals(OptionalInt.of(0), sim.level("25"));
        }
    }

    @Test
    void aPicoloopTaskAwaitsAPiButtonLikeAnyOtherAwaitWhileOtherTasksRun() {
        try (PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            SimulatedPico sim = PicoloopPi4J.simulatorOf(gpio.pico());
            DigitalOutput led = gpio.pico().digitalOutput().create(25);
            PiGpioStandIn.Input button = piButton(gpio, 17);
            var ticks = new java.util.concurrent.atomic.AtomicInteger();

            var pressFailure = new CompletableFuture<Void>();
            int presses = EventLoop.create().run(() -> {
                var ticker = Async.currentLoop().every(Duration.ofMillis(5), ticks::incrementAndGet);
                // the outside world presses the button twice, on a thread of its own
                // (awaitPress is two waits per press: press only once the task listens)
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        button.awaitWaitsBegun(2, WAIT);
                        long deadline = System.nanoTime() + WAIT.toNanos();
                        while (ticks.get() < 5 && System.nanoTime() < deadline) {
                            Thread.sleep(1); // the loop ticks while the task waits for the press
                        }
                        button.drive(DigitalState.LOW);
                        button.drive(DigitalState.HIGH);
                        button.awaitWaitsBegun(4, WAIT);
                        button.drive(DigitalState.LOW);
                    } catch (InterruptedException | AssertionError e) {
                        pressFailure.completeExceptionally(e);
                    }
                });
                int n = 0;
                for (int i = 0; i < 2; i++) {
                    // bounded: a lost press fails the test instead of waiting forever
                    Async.waitFor(WAIT, () -> Async.firstOf(
                            () -> { PiInputs.awaitPress(button); return null; },
                            () -> Async.await(pressFailure)));
                    led.toggle(); // a Pico request from inside the task parks the task, not the loop
                    n++;
                }
                ticker.cancel();
                return n;
            });
            assertEquals(2, presses);
            assertEquals(OptionalInt.of(0), sim.level("25"));
            assertTrue(ticks.get() >= 5, "the loop kept running while the task waited: " + ticks);
            // four waits, one Pi4J listener: Pi4J 4.0.2's FFM provider (a Pi's GPIO) starts a
            // polling thread per addListener and stops none before shutdown
            assertEquals(1, button.listenersAdded());
        }
    }

    @Test
    void awaitStateReturnsAtOnceWhenTheInputIsAlreadyThere() {
        try (PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.simulated())) {
            PiGpioStandIn.Input button = piButton(gpio, 17);
            EventLoop.create().run(() -> {
                PiInputs.awaitState(button, DigitalState.HIGH); // pulled up
                return null;
            });
        }
    }
}
