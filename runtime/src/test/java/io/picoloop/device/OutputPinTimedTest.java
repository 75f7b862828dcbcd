package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.testing.ScriptedDevice;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.sim.SimulatedPico;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link OutputPin}'s timed writes: the device time of the change, or none from an older bridge. */
class OutputPinTimedTest {

    @Test
    void timedWritesCarryTheSimulatorsDeviceTime() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, now::get);
             Pico pico = Pico.connect(sim.transport())) {
            OutputPin led = pico.output("LED");
            now.addAndGet(1_234_000);
            assertEquals(new PinWrite(true, OptionalLong.of(1234)), led.onTimed());
            assertTrue(sim.ledOn());
            now.addAndGet(1_000);
            assertEquals(new PinWrite(false, OptionalLong.of(1235)), led.toggleTimed());
            now.addAndGet(1_000);
            assertEquals(new PinWrite(true, OptionalLong.of(1236)), led.toggleTimed());
            now.addAndGet(1_000);
            PinWrite off = led.offTimed();
            assertEquals(new PinWrite(false, OptionalLong.of(1237)), off);
            assertTrue(off.timed());
            assertFalse(sim.ledOn());
            // the untimed methods keep working against the same replies
            led.on();
            assertFalse(led.toggle());
        }
    }

    @Test
    void anOlderBridgeThatRepliesWithoutATimeGivesAnUnknownTime() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> {
            String id = ScriptedDevice.id(l);
            return l.contains(" toggle ") ? List.of(id + " ok 1") : List.of(id + " ok");
        }); Pico pico = Pico.connect(dev.transport())) {
            OutputPin led = pico.output(25);
            PinWrite on = led.onTimed();
            assertEquals(new PinWrite(true, OptionalLong.empty()), on);
            assertFalse(on.timed());
            assertEquals(new PinWrite(true, OptionalLong.empty()), led.toggleTimed());
            led.off();
            assertTrue(led.toggle());
        }
    }

    @Test
    void aTimeThatIsNoNumberIsAProtocolError() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> {
            String id = ScriptedDevice.id(l);
            return l.contains(" write ") ? List.of(id + " ok soon") : List.of(id + " ok 1 -5");
        }); Pico pico = Pico.connect(dev.transport())) {
            OutputPin led = pico.output(25);
            ProtocolException e = assertThrows(ProtocolException.class, led::onTimed);
            assertTrue(e.getMessage().contains("ok soon"), e.getMessage());
            e = assertThrows(ProtocolException.class, led::toggleTimed);
            assertTrue(e.getMessage().contains("ok 1 -5"), e.getMessage());
        }
    }
}
