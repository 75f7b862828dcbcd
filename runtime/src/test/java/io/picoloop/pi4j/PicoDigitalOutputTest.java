package io.picoloop.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pico outputs through a real pi4j-core context; the board is {@link FakePicoPort}. */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoDigitalOutputTest {

    private final FakePicoPort port = new FakePicoPort();
    private final Context pi4j = PicoloopPi4J.newContext(port);

    @AfterEach
    void shutdown() {
        if (!pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }

    private DigitalOutput output(int address) {
        return pi4j.digitalOutput().create(DigitalOutput.newConfigBuilder(pi4j)
                .bcm(address).provider(PicoloopPi4J.DIGITAL_OUTPUT));
    }

    @Test
    void theContextsDigitalProvidersArePicoloops() {
        assertEquals(PicoloopPi4J.DIGITAL_OUTPUT, pi4j.provider(IOType.DIGITAL_OUTPUT).id());
        assertEquals(PicoloopPi4J.DIGITAL_INPUT, pi4j.provider(IOType.DIGITAL_INPUT).id());
    }

    @Test
    void highLowToggleStateDriveThePicoPin() {
        DigitalOutput led = output(25);
        assertEquals(List.of("mode 25 out 0"), port.requests());
        assertEquals(DigitalState.LOW, led.state());

        led.high();
        assertEquals(1, port.level(25));
        assertEquals(DigitalState.HIGH, led.state());
        led.low();
        assertEquals(0, port.level(25));
        led.toggle();
        assertEquals(1, port.level(25));
        assertEquals(DigitalState.HIGH, led.state());
        led.toggle();
        assertEquals(0, port.level(25));
        assertEquals(List.of("mode 25 out 0", "write 25 1", "write 25 0", "toggle 25", "toggle 25"),
                port.requests());
    }

    @Test
    void createWithoutNamingTheProviderUsesTheContextsOnlyOutputProvider() {
        DigitalOutput out = pi4j.digitalOutput().create(15);
        out.high();
        assertEquals(1, port.level(15));
        assertEquals(PicoloopPi4J.DIGITAL_OUTPUT, out.provider().id());
    }

    @Test
    void initialStateIsTheLevelOfTheModeRequestAndShutdownStateIsAppliedOnTheBoard() {
        pi4j.digitalOutput().create(DigitalOutput.newConfigBuilder(pi4j)
                .bcm(14).initial(DigitalState.HIGH).shutdown(DigitalState.LOW));
        // one request: the pin never shows LOW before HIGH
        assertEquals(List.of("mode 14 out 1"), port.requests());
        assertEquals(1, port.level(14));

        pi4j.shutdown();
        assertEquals(0, port.level(14));
        assertEquals(List.of("mode 14 out 1", "write 14 0"), port.requests());
        assertTrue(port.closedByHost(), "the context's shutdown closes the link");
    }

    @Test
    void stateChangeEventsReachPi4jListeners() {
        DigitalOutput led = output(25);
        List<DigitalState> seen = new CopyOnWriteArrayList<>();
        led.addListener(e -> seen.add(e.state()));
        led.high();
        led.high();
        led.toggle();
        assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), seen);
    }

    @Test
    void pulseAndBlinkOfPi4jDriveThePicoPin() throws Exception {
        DigitalOutput led = output(25);
        led.pulse(20, TimeUnit.MILLISECONDS);
        assertEquals(List.of("mode 25 out 0", "write 25 1", "write 25 0"), port.requests());

        led.blink(10, 2, TimeUnit.MILLISECONDS); // HIGH, then 3 toggles: H L H L
        assertEquals(List.of("write 25 1", "toggle 25", "toggle 25", "toggle 25"),
                port.requests().subList(3, port.requests().size()));
        assertEquals(0, port.level(25));

        led.pulseAsync(10, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(0, port.level(25));
        assertEquals(List.of("write 25 1", "write 25 0"),
                port.requests().subList(port.requests().size() - 2, port.requests().size()));
    }

    @Test
    void anAddressThePicoCannotOfferIsAPi4jIoExceptionNamingTheFreePins() {
        var e = assertThrows(PicoPinException.class, () -> output(23));
        assertInstanceOf(com.pi4j.io.exception.IOException.class, e);
        assertTrue(e.getMessage().contains("address 23"), e.getMessage());
        assertTrue(e.getMessage().contains("power-supply"), e.getMessage());
        assertTrue(e.getMessage().contains("free GPIO: 0-22,25-28"), e.getMessage());
        assertThrows(PicoPinException.class, () -> output(40));
        assertEquals(List.of(), port.requests(), "the board is not asked for a pin it cannot offer");
        assertTrue(pi4j.registry().all().isEmpty());
    }

    @Test
    void anOutputCreatedTwiceIsPi4jsAlreadyExistsAndLeavesTheFirstAlone() {
        DigitalOutput first = output(25);
        first.high();
        var e = assertThrows(IOAlreadyExistsException.class, () -> output(25));
        assertTrue(e.getMessage().contains("DOUT-25"), e.getMessage());
        // the same Pico pin under another id
        var e2 = assertThrows(IOAlreadyExistsException.class, () -> pi4j.digitalOutput().create(
                DigitalOutput.newConfigBuilder(pi4j).id("other-led").bcm(25)));
        assertTrue(e2.getMessage().contains("GP25 of DOUT-25"), e2.getMessage());
        assertEquals(List.of("mode 25 out 0", "write 25 1"), port.requests(), "the first output was not reset");
        assertEquals(1, port.level(25));
    }

    @Test
    void aPinIsFreeAgainOnceItsOutputIsShutDown() {
        DigitalOutput out = output(7);
        pi4j.shutdown(out.id());
        DigitalOutput again = output(7);
        again.high();
        assertEquals(1, port.level(7));
    }

    @Test
    void aPortThatVanishesIsAPi4jIoExceptionNamingThePortAndTheOutput() {
        DigitalOutput led = output(25);
        port.vanish();
        var e = assertThrows(PicoLinkException.class, led::high);
        assertInstanceOf(com.pi4j.io.exception.IOException.class, e);
        assertTrue(e.getMessage().contains("fake Pico"), e.getMessage());
        assertTrue(e.getMessage().contains("DOUT-25"), e.getMessage());
        assertTrue(e.getMessage().contains("plugged in"), e.getMessage());
        assertEquals(DigitalState.LOW, led.state(), "the state stays the last one the board confirmed");
        assertThrows(PicoLinkException.class, led::toggle);
        assertThrows(PicoLinkException.class, () -> output(3));
    }

    @Test
    void unknownIsNotAStateAPicoPinCanBeSetTo() {
        DigitalOutput led = output(25);
        assertThrows(com.pi4j.io.exception.IOException.class, () -> led.state(DigitalState.UNKNOWN));
    }

    @SuppressWarnings("unused")
    private static DigitalState state(DigitalStateChangeEvent<?> e) {
        return e.state();
    }
}
