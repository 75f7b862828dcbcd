package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.RepoRoot;
import io.picoloop.testing.ScriptedDevice;
import io.picoloop.transport.SerialTransport;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Pico#setTogether}: several outputs in one request, changed in one instant. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SetTogetherTest {

    @Test
    void aTrafficLightPhaseIsOneRequestAndOneInstantOnTheSimulator() {
        AtomicLong now = new AtomicLong(2_000_000_000L);
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, now::get);
             Pico pico = Pico.connect(sim.transport())) {
            OutputPin red = pico.output(16);
            OutputPin yellow = pico.output(19);
            OutputPin green = pico.output(20);
            red.on();
            List<String> heard = new ArrayList<>();
            sim.addPinListener((pin, level, nanos) -> heard.add(pin + "=" + level + "@" + nanos));
            now.addAndGet(5_000);
            Map<OutputPin, Boolean> go = new LinkedHashMap<>();
            go.put(red, false);
            go.put(yellow, false);
            go.put(green, true);
            assertEquals(OptionalLong.of(5), pico.setTogether(go), "device micros since the start");
            assertEquals(List.of("GP16=0@2000005000", "GP20=1@2000005000"), heard, "one instant, changed pins only");
            assertEquals(0, sim.level("16").getAsInt());
            assertEquals(1, sim.level("20").getAsInt());
            assertTrue(green.read());
        }
    }

    @Test
    void badSetsAreRefusedBeforeAnythingIsSent() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO_W);
             SimulatedPico other = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport());
             Pico second = Pico.connect(other.transport())) {
            OutputPin a = pico.output(16);
            OutputPin led = pico.output(PinId.LED);
            OutputPin elsewhere = second.output(16);
            String empty = assertThrows(IllegalArgumentException.class, () -> pico.setTogether(Map.of())).getMessage();
            assertTrue(empty.contains("at least one"), empty);
            String w = assertThrows(IllegalArgumentException.class, () -> pico.setTogether(Map.of(a, true, led, true))).getMessage();
            assertTrue(w.contains("wireless chip"), w);
            String foreign = assertThrows(IllegalArgumentException.class,
                    () -> pico.setTogether(Map.of(a, true, elsewhere, true))).getMessage();
            assertTrue(foreign.contains("another board"), foreign);
            String twice = assertThrows(IllegalArgumentException.class,
                    () -> pico.setTogether(Map.of(a, true, pico.output(16), false))).getMessage();
            assertTrue(twice.contains("named twice"), twice);
            assertEquals(0, sim.level("16").getAsInt());
        }
    }

    @Test
    void anOlderBridgeIsToldToBeUpdatedAndNothingIsSent() {
        List<String> sent = new ArrayList<>();
        String oldHello = ScriptedDevice.HELLO_PICO.replace("fw=" + Protocol.BRIDGE_FIRMWARE, "fw=0.3.1");
        try (ScriptedDevice dev = ScriptedDevice.afterHello(oldHello, l -> {
            sent.add(l);
            return List.of(ScriptedDevice.id(l) + " ok 5");
        }); Pico pico = Pico.connect(dev.transport())) {
            OutputPin red = pico.output(16);
            OutputPin green = pico.output(20);
            int before = sent.size();
            String why = assertThrows(IllegalStateException.class, () -> pico.setTogether(Map.of(red, true, green, false)))
                    .getMessage();
            assertTrue(why.contains("needs bridge firmware 0.4.0") && why.contains("runs 0.3.1")
                    && why.contains("copy bridge-firmware"), why);
            assertTrue(sent.subList(before, sent.size()).stream().noneMatch(l -> l.contains("write")), sent.toString());
        }
    }

    @Test
    void theFirmwareChangesThemInOneStoreBehindAPty() throws Exception {
        assumeTrue(Files.exists(RepoRoot.get().resolve("bridge-firmware/host/run_on_pty.py")), "no firmware runner");
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            OutputPin red = pico.output(16);
            OutputPin yellow = pico.output(19);
            OutputPin green = pico.output(20);
            Map<OutputPin, Boolean> phase = new LinkedHashMap<>();
            phase.put(red, true);
            phase.put(yellow, true);
            phase.put(green, true);
            assertTrue(pico.setTogether(phase).isPresent());
            List<FirmwareOnPty.PinChange> rises = new ArrayList<>();
            for (String pin : List.of("16", "19", "20")) {
                rises.add(fw.pinChanges(pin).getLast());
            }
            assertEquals(List.of(1, 1, 1), rises.stream().map(FirmwareOnPty.PinChange::level).toList());
            assertEquals(1, rises.stream().map(FirmwareOnPty.PinChange::seconds).distinct().count(),
                    "the machine stand-in records one instant for one store: " + rises);
        }
    }
}
