package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.picoloop.board.BoardModel;
import io.picoloop.sim.SimulatedPico;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing the client is the end of a program: the outputs go off first, unless it says otherwise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PicoCloseTest {

    @Test
    void closeSwitchesEveryOutputOffBeforeTheLinkCloses() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            try (Pico pico = Pico.connect(sim.transport())) {
                pico.output(16).on();
                pico.output("LED").on();
            }
            assertEquals(0, sim.level("16").orElseThrow(), "GP16 after close");
            assertEquals(0, sim.level("25").orElseThrow(), "the LED after close");
        }
    }

    @Test
    void closeLeavingOutputsLeavesThemAsTheyAre() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            Pico pico = Pico.connect(sim.transport(), DeviceOptions.defaults().withKeepalive(java.time.Duration.ZERO));
            pico.output(16).on();
            pico.closeLeavingOutputs();
            assertFalse(pico.isConnected());
            assertEquals(1, sim.level("16").orElseThrow(), "GP16 left on, as asked");
        }
    }

    @Test
    void aLinkAlreadyGoneGetsNoOff() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            Pico pico = Pico.connect(sim.transport());
            pico.onWarning(warnings::add);
            pico.output(16).on();
            sim.close();                        // unplugged
            pico.whenLost().toCompletableFuture().get(10, TimeUnit.SECONDS);
            pico.close();                       // no off to send: nothing to wait for
            assertFalse(pico.isConnected());
            assertFalse(warnings.stream().anyMatch(w -> w.startsWith("could not switch")), warnings.toString());
        }
    }
}
