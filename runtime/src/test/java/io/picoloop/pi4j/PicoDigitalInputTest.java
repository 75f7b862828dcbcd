package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.FirmwareOnPty;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pico inputs as Pi4J {@code DigitalInput}s with state-change events from the board's watched
 * edges, through a real pi4j-core context: the debounce mapping (on a fake port), the simulated
 * Pico (press, release, bounce), and end to end over a pty with the firmware under CPython.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoDigitalInputTest {

    private static final long WAIT_S = 10;

    private Context pi4j;

    @AfterEach
    void shutdown() {
        if (pi4j != null && !pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }

    private static DigitalInput button(Context ctx, int bcm, PullResistance pull, Long debounceMicros) {
        var b = DigitalInput.newConfigBuilder(ctx).bcm(bcm).pull(pull).provider(PicoloopPi4J.DIGITAL_INPUT);
        if (debounceMicros != null) {
            b.debounce(debounceMicros);
        }
        return ctx.digitalInput().create(b);
    }

    /** The events of {@code input}, with the thread each was delivered on. */
    private static final class Events {
        final BlockingQueue<DigitalState> states = new LinkedBlockingQueue<>();
        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        final BlockingQueue<DigitalState> stateInListener = new LinkedBlockingQueue<>();

        Events(DigitalInput input) {
            input.addListener(e -> {
                threads.add(Thread.currentThread().getName());
                stateInListener.add(input.state());
                states.add(e.state());
            });
        }

        DigitalState next() throws InterruptedException {
            DigitalState s = states.poll(WAIT_S, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no state-change event within " + WAIT_S + " s");
            }
            return s;
        }
    }

    // ---- the debounce mapping, µs (Pi4J) to whole ms (the board), on a fake port ----

    @Test
    void debounceMicrosecondsAreRoundedUpToTheBoardsWholeMilliseconds() {
        FakePicoPort port = new FakePicoPort();
        pi4j = PicoloopPi4J.newContext(port);
        button(pi4j, 10, PullResistance.PULL_UP, 0L);
        button(pi4j, 11, PullResistance.PULL_UP, 1L);
        button(pi4j, 12, PullResistance.PULL_DOWN, 3000L);
        button(pi4j, 13, PullResistance.OFF, 3001L);
        button(pi4j, 14, PullResistance.PULL_UP, null); // Pi4J's default, 10 000 µs
        button(pi4j, 15, PullResistance.PULL_UP, 1_000_000L);
        assertEquals(List.of("watch 10 up 0", "watch 11 up 1", "watch 12 down 3", "watch 13 none 4",
                "watch 14 up 10", "watch 15 up 1000"), port.requests());
    }

    @Test
    void aDebounceOverOneSecondIsRefusedBeforeTheBoardIsTouched() {
        FakePicoPort port = new FakePicoPort();
        pi4j = PicoloopPi4J.newContext(port);
        var e = assertThrows(PicoConfigException.class, () -> button(pi4j, 14, PullResistance.PULL_UP, 1_000_001L));
        assertTrue(e.getMessage().contains("1000000 µs"), e.getMessage());
        assertThrows(PicoConfigException.class, () -> button(pi4j, 14, PullResistance.PULL_UP, -1L));
        assertEquals(List.of(), port.requests());
        button(pi4j, 14, PullResistance.PULL_UP, 1000L); // the pin was not claimed by the refused ones
    }

    // ---- the simulated Pico ----

    private SimulatedPico simulated() {
        pi4j = PicoloopPi4J.newContext(PicoSource.simulated());
        return PicoloopPi4J.simulatorOf(pi4j);
    }

    @Test
    void pressAndReleaseAreOneEventEachOnThePi4jEventThreadAndStateFollows() throws Exception {
        SimulatedPico sim = simulated();
        DigitalInput b = button(pi4j, 14, PullResistance.PULL_UP, 5000L);
        assertEquals(DigitalState.HIGH, b.state());
        Events ev = new Events(b);
        sim.press("14");
        assertEquals(DigitalState.LOW, ev.next());
        assertEquals(DigitalState.LOW, b.state());
        sim.release("14");
        assertEquals(DigitalState.HIGH, ev.next());
        assertEquals(DigitalState.HIGH, b.state());
        assertEquals(List.of("picoloop-pi4j-events", "picoloop-pi4j-events"), List.copyOf(ev.threads));
        assertEquals(List.of(DigitalState.LOW, DigitalState.HIGH), List.copyOf(ev.stateInListener),
                "state() in a listener is its event's state");
    }

    @Test
    void aBouncingPressIsOneEventAndAPullDownButtonPressesHigh() throws Exception {
        SimulatedPico sim = simulated();
        DigitalInput up = button(pi4j, 14, PullResistance.PULL_UP, 20_000L);
        DigitalInput down = button(pi4j, 15, PullResistance.PULL_DOWN, 20_000L);
        assertEquals(DigitalState.LOW, down.state(), "pulled down");
        Events upEvents = new Events(up);
        Events downEvents = new Events(down);
        sim.bounce("14", 0, 5, Duration.ofNanos(300_000)); // 1 0 1 0 1 0 in 1.5 ms, ends pressed
        sim.press("15");
        assertEquals(DigitalState.HIGH, downEvents.next());
        assertEquals(DigitalState.LOW, upEvents.next());
        sim.pollTimers();
        sim.release("14");
        assertEquals(DigitalState.HIGH, upEvents.next(), "the bounce was one event, then the release");
        assertNull(upEvents.states.poll());
    }

    @Test
    void aPicoButtonTogglesAPicoLedThroughPi4j() throws Exception {
        SimulatedPico sim = simulated();
        DigitalOutput led = pi4j.digitalOutput().create(25);
        DigitalInput b = button(pi4j, 14, PullResistance.PULL_UP, 1000L);
        Events ev = new Events(b);
        b.addListener(e -> {
            if (e.state() == DigitalState.LOW) {
                led.toggle(); // a blocking Pico request from the listener
            }
        });
        sim.press("14");
        ev.next();
        sim.release("14");
        ev.next();
        sim.press("14");
        ev.next();
        awaitLevel(sim, "25", 0);
        sim.release("14");
        ev.next();
        sim.press("14");
        ev.next();
        awaitLevel(sim, "25", 1);
    }

    private static void awaitLevel(SimulatedPico sim, String pin, int level) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!sim.level(pin).equals(OptionalInt.of(level))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pin + " is " + sim.level(pin) + ", not " + level);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void aPicoloopTaskAwaitsAPicoButtonThroughPi4j() {
        SimulatedPico sim = simulated();
        DigitalOutput led = pi4j.digitalOutput().create(25);
        DigitalInput b = button(pi4j, 14, PullResistance.PULL_UP, 1000L);
        int presses = EventLoop.create().run(() -> {
            int n = 0;
            for (int i = 0; i < 3; i++) {
                sim.release("14");
                PiInputs.awaitState(b, DigitalState.HIGH); // state() follows the events: released now
                // the outside world presses, on a thread of its own, once the task waits for the
                // press: awaitState is one wait, awaitPress two (released?, pressed?). A press
                // before awaitPress looked would count as held, and awaitPress would wait for a release.
                int listening = 3 * (i + 1);
                Thread.ofPlatform().daemon().start(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                    while (PiInputs.waitsBegun(b) < listening && System.nanoTime() < deadline) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll the condition
                    }
                    sim.press("14");
                });
                Async.waitFor(Duration.ofSeconds(WAIT_S), () -> {
                    PiInputs.awaitPress(b);
                    return null;
                });
                led.toggle();
                n++;
            }
            return n;
        });
        assertEquals(3, presses);
        assertEquals(OptionalInt.of(1), sim.level("25"));
        // nine waits, one Pi4J listener: Pi4J's FFM provider starts a polling thread per addListener
        assertEquals(1, ((PicoDigitalInput) b).listenersAdded());
    }

    // ---- end to end: Pi4J, the device client, jSerialComm, a pty, the firmware under CPython ----

    @Test
    void theFirmwaresBouncingPressIsExactlyOneEventAndTogglesThePicoLed() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            pi4j = PicoloopPi4J.newContext(PicoSource.port(fw.port()));
            DigitalOutput led = pi4j.digitalOutput().create(DigitalOutput.newConfigBuilder(pi4j)
                    .bcm(25).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
            DigitalInput b = button(pi4j, 14, PullResistance.PULL_UP, 20_000L);
            assertEquals(DigitalState.HIGH, b.state());
            Events ev = new Events(b);
            b.addListener(e -> {
                if (e.state() == DigitalState.LOW) {
                    led.toggle();
                }
            });
            fw.drive(14, 300, 0, 1, 0, 1, 0); // a bouncing press: five edges 300 µs apart
            assertEquals(DigitalState.LOW, ev.next());
            fw.drive(14, 300, 1, 0, 1);       // a bouncing release
            assertEquals(DigitalState.HIGH, ev.next());
            fw.drive(14, 0, 0);               // a clean press
            assertEquals(DigitalState.LOW, ev.next());
            fw.drive(14, 0, 1);
            assertEquals(DigitalState.HIGH, ev.next());
            assertNull(ev.states.poll(), "exactly one event per press and per release");
            pi4j.shutdown(); // the LED's shutdown state
            // initial LOW, one toggle per press, shutdown LOW
            assertEquals(List.of(0, 1, 0), fw.pinChanges("25").stream().map(FirmwareOnPty.PinChange::level).toList(),
                    fw.readLog());
        }
    }
}
