package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pi4J I/O through a real pi4j-core context, over the device client, to the simulated Pico. */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoSimulatedBoardTest {

    private Context pi4j;

    @AfterEach
    void shutdown() {
        if (pi4j != null && !pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }

    private SimulatedPico start(PicoSource source) {
        pi4j = PicoloopPi4J.newContext(source);
        SimulatedPico sim = PicoloopPi4J.simulatorOf(pi4j);
        assertNotNull(sim);
        return sim;
    }

    @Test
    void outputsDriveTheSimulatedPinsWithInitialAndShutdownStates() throws Exception {
        SimulatedPico sim = start(PicoSource.simulated());
        List<String> changes = new CopyOnWriteArrayList<>();
        sim.addPinListener((pin, level, nanos) -> changes.add(pin.token() + "=" + level));

        DigitalOutput led = pi4j.digitalOutput().create(DigitalOutput.newConfigBuilder(pi4j)
                .id("led").bcm(25).provider(PicoloopPi4J.DIGITAL_OUTPUT)
                .initial(DigitalState.HIGH).shutdown(DigitalState.LOW));
        assertEquals(OptionalInt.of(1), sim.level("25"));
        assertEquals(DigitalState.HIGH, led.state());

        led.low();
        assertEquals(OptionalInt.of(0), sim.level("25"));
        led.toggle();
        assertEquals(OptionalInt.of(1), sim.level("25"));
        led.pulse(10, TimeUnit.MILLISECONDS, DigitalState.LOW);
        assertEquals(OptionalInt.of(1), sim.level("25"));
        led.blink(5, 2, TimeUnit.MILLISECONDS);
        assertEquals(OptionalInt.of(0), sim.level("25"));

        pi4j.shutdown();
        assertEquals(OptionalInt.of(0), sim.level("25"));
        // initial HIGH in the mode request (never LOW first), low, toggle, pulse LOW (0 1),
        // blink from HIGH (three toggles); the shutdown LOW is the level it already has
        assertEquals(List.of("25=1", "25=0", "25=1", "25=0", "25=1", "25=0", "25=1", "25=0"),
                changes.stream().filter(c -> c.startsWith("25=")).toList());
    }

    @Test
    void inputsAreWatchedWithTheirPullAndStateIsTheBoardsDebouncedLevel() throws Exception {
        SimulatedPico sim = start(PicoSource.simulated());
        DigitalInput button = pi4j.digitalInput().create(DigitalInput.newConfigBuilder(pi4j)
                .bcm(14).pull(PullResistance.PULL_UP).debounce(3000L).provider(PicoloopPi4J.DIGITAL_INPUT));
        assertEquals(DigitalState.HIGH, button.state(), "pulled up, nothing pressed");
        assertTrue(sim.watchedPins().contains(PinId.gpio(14)), "the board watches GP14");
        var events = new java.util.concurrent.LinkedBlockingQueue<DigitalState>();
        button.addListener(e -> events.add(e.state()));
        sim.setInputLevel(PinId.gpio(14), 0);
        assertEquals(DigitalState.LOW, events.poll(10, TimeUnit.SECONDS));
        assertEquals(DigitalState.LOW, button.state());
        assertEquals(3000L, ((PicoDigitalInput) button).debounceMicros());
    }

    @Test
    void onAPicoWAddress25DrivesTheWirelessChipsLed() {
        SimulatedPico sim = start(PicoSource.simulated("picow"));
        DigitalOutput led = pi4j.digitalOutput().create(PicoloopPi4J.ONBOARD_LED);
        assertEquals(OptionalInt.of(0), sim.level("LED"));
        led.high();
        assertEquals(OptionalInt.of(1), sim.level("LED"));
        assertTrue(sim.ledOn());
        led.low();
        assertEquals(OptionalInt.of(0), sim.level("LED"));
        led.toggle();
        assertEquals(OptionalInt.of(1), sim.level("LED"));
        assertEquals(OptionalInt.empty(), sim.level("25"), "GP25 is the radio's, never touched");
    }

    @Test
    void onAPicoWTheLedNamedInMessagesIsLedNotGp25() {
        SimulatedPico sim = start(PicoSource.simulated("picow"));
        DigitalOutput led = pi4j.digitalOutput().create(25);
        sim.close(); // the cable is pulled
        var e = assertThrows(PicoLinkException.class, led::high);
        assertTrue(e.getMessage().contains("set DOUT-25 (LED) HIGH"), e.getMessage());
    }

    @Test
    void anInputOnAPicoWsLedIsRefusedNamingTheFix() {
        String message = refusedInputOn25("picow");
        assertTrue(message.contains("onboard LED"), message);
        assertTrue(message.contains("can only be an output"), message);
    }

    @Test
    void anInputOnAPicosLedIsRefusedToo() {
        String message = refusedInputOn25("pico");
        assertTrue(message.contains("can only be an output (GP25 is not on the header)"), message);
    }

    /** Address 25 as a Pi4J input on that board: refused before the board is asked; the message. */
    private String refusedInputOn25(String board) {
        SimulatedPico sim = start(PicoSource.simulated(board));
        var e = assertThrows(PicoPinException.class, () -> pi4j.digitalInput().create(25));
        assertTrue(e.getMessage().contains("for an input use a free GPIO: 0-22,26-28"), e.getMessage());
        assertTrue(sim.watchedPins().isEmpty(), "the board was not asked");
        assertTrue(pi4j.registry().all().isEmpty());
        return e.getMessage();
    }

    @Test
    void aPicoWsLedClaimedTwiceIsRefusedAndTheFirstKeepsIt() {
        SimulatedPico sim = start(PicoSource.simulated("picow"));
        DigitalOutput led = pi4j.digitalOutput().create(25);
        led.high();
        assertThrows(IOAlreadyExistsException.class, () -> pi4j.digitalOutput().create(25));
        var e = assertThrows(IOAlreadyExistsException.class, () -> pi4j.digitalOutput().create(
                DigitalOutput.newConfigBuilder(pi4j).id("other-led").bcm(25)));
        assertTrue(e.getMessage().contains("Pico LED of DOUT-25"), e.getMessage());
        assertEquals(OptionalInt.of(1), sim.level("LED"), "the first output was not reset");
        pi4j.shutdown(led.id());
        pi4j.digitalOutput().create(DigitalOutput.newConfigBuilder(pi4j).id("other-led").bcm(25)).high();
        assertEquals(OptionalInt.of(1), sim.level("LED"), "free again once the first is shut down");
    }

    @Test
    void aPicoWStillRefusesTheRadiosOtherPins() {
        start(PicoSource.simulated("picow"));
        for (int address : new int[] {23, 24, 29}) {
            var e = assertThrows(PicoPinException.class, () -> pi4j.digitalOutput().create(address));
            assertTrue(e.getMessage().contains("address " + address + " of DOUT-" + address + " is not a free GPIO"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("free GPIO: 0-22,26-28"), e.getMessage());
            // the Pico's reasons (power-supply mode, VBUS, VSYS) would be wrong here
            assertTrue(e.getMessage().contains("GP" + address + " belongs to the wireless chip"), e.getMessage());
        }
    }

    /**
     * A task cancelled while its {@code high()} awaits the board's reply: the write has reached
     * the board, so the output must not keep saying LOW, or the task's {@code finally low()}
     * would be skipped as a no-op and the light left on (seen once in RailroadExampleTest).
     */
    @Test
    void aWriteCancelledWhileItAwaitsTheBoardDoesNotMakeTheFinallysLowANoOp() {
        SimulatedPico sim = start(PicoSource.simulated());
        DigitalOutput light = pi4j.digitalOutput().create(14);
        // The board holds its reply to the high until the stopper has cancelled: otherwise a quick
        // reply lets high() return at once, and the cancel lands on the finally's low() instead.
        CountDownLatch cancelled = new CountDownLatch(1);
        sim.addPinListener((pin, level, nanos) -> {
            if (pin.equals(PinId.gpio(14)) && level == 1) {
                try {
                    cancelled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        var loop = io.picoloop.loop.EventLoop.create();
        loop.run(() -> {
            var flasher = loop.spawn("flasher", () -> {
                try {
                    light.high();               // parks for the reply: the stopper runs now
                } finally {
                    light.low();
                }
            });
            loop.spawn("stopper", () -> {
                flasher.cancel();
                cancelled.countDown();
            });
            assertThrows(io.picoloop.loop.CancelledException.class, flasher::join);
            return null;
        });
        assertEquals(OptionalInt.of(0), sim.level("14"), "the finally's low() reached the board");
        assertEquals(DigitalState.LOW, light.state());
    }

    @Test
    void aBoardThatVanishesWhileTheProgramRunsIsAPicoLinkException() {
        SimulatedPico sim = start(PicoSource.simulated());
        DigitalOutput led = pi4j.digitalOutput().create(25);
        led.high();
        sim.close(); // the cable is pulled
        var e = assertThrows(PicoLinkException.class, led::low);
        assertTrue(e.getMessage().contains("simulated Pico"), e.getMessage());
        assertTrue(e.getMessage().contains("set DOUT-25 (GP25) LOW"), e.getMessage());
        // shutting the context down still works; the shutdown state cannot reach the board
        pi4j.shutdown();
    }
}
