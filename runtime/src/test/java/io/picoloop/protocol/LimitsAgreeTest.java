package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.Pico;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.RepoRoot;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each protocol limit is stated once for the host ({@link Protocol}) and once for the firmware
 * (bridge-firmware/bridge_protocol.py); this keeps the two, the simulator and docs/protocol.md
 * equal, so a change to one side that forgets the other fails here.
 */
class LimitsAgreeTest {

    private static String file(String path) throws Exception {
        return Files.readString(RepoRoot.get().resolve(path));
    }

    /** The number a pattern's first group finds in {@code text}, failing with what was looked for. */
    private static long number(String text, String where, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for /" + regex + "/ in " + where);
        return Long.parseLong(m.group(1));
    }

    private static long firmwareConst(String firmware, String name) {
        return number(firmware, "bridge_protocol.py", "(?m)^" + name + " = const\\((\\d+)\\)");
    }

    @Test
    void theFirmwareStatesTheHostsLimits() throws Exception {
        String fw = file("bridge-firmware/bridge_protocol.py");
        assertEquals(Protocol.VERSION, firmwareConst(fw, "PROTO"), "PROTO");
        assertEquals(Protocol.MAX_REQUEST_BYTES, firmwareConst(fw, "MAXLINE"), "MAXLINE");
        assertEquals(Protocol.MAX_DEVICE_LINE_BYTES, firmwareConst(fw, "MAXREPLY"), "MAXREPLY");
        assertEquals(Protocol.DEBOUNCE_MAX_MS, firmwareConst(fw, "DEBOUNCE_MAX_MS"), "DEBOUNCE_MAX_MS");
        assertEquals(Protocol.KEEPALIVE_MIN_MS, firmwareConst(fw, "KEEPALIVE_MIN_MS"), "KEEPALIVE_MIN_MS");
        assertEquals(Protocol.KEEPALIVE_MAX_MS, firmwareConst(fw, "KEEPALIVE_MAX_MS"), "KEEPALIVE_MAX_MS");
        assertEquals(Protocol.MAX_ID, firmwareConst(fw, "_ID_MAX"), "_ID_MAX");
        Matcher version = Pattern.compile("(?m)^FW_VERSION = \"([^\"]+)\"").matcher(fw);
        assertTrue(version.find(), "no FW_VERSION in bridge_protocol.py");
        assertEquals(version.group(1), Protocol.BRIDGE_FIRMWARE, "FW_VERSION");
    }

    @Test
    void theSpecStatesTheHostsLimits() throws Exception {
        String spec = file("docs/protocol.md");
        String where = "docs/protocol.md";
        assertEquals(Protocol.MAX_REQUEST_BYTES, number(spec, where, "A request line carries at most \\*\\*(\\d+) bytes\\*\\*"));
        assertEquals(Protocol.MAX_DEVICE_LINE_BYTES, number(spec, where, "Device lines are at most (\\d+) bytes"));
        assertEquals(Protocol.MAX_ID, number(spec, where, "`<id>` is a decimal number 0 to (\\d+)"));
        assertEquals(Protocol.DEBOUNCE_MAX_MS, number(spec, where, "debounce window of `<debounce_ms>` \\(0 to (\\d+),"));
        assertEquals(Protocol.KEEPALIVE_MIN_MS, number(spec, where, "`<ms>` is 0 \\(off\\) or (\\d+) to \\d+"));
        assertEquals(Protocol.KEEPALIVE_MAX_MS, number(spec, where, "`<ms>` is 0 \\(off\\) or \\d+ to (\\d+)"));
        assertEquals(Protocol.MAX_IN_FLIGHT, number(spec, where, "The host sends at most (\\d+) requests ahead"));
        assertEquals(Protocol.VERSION, number(spec, where, "`hello` reports `proto=(\\d+)`"));
    }

    /** The simulator, the device in this process, takes exactly the host's ranges. */
    @Test
    void theSimulatorTakesTheHostsLimits() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(io.picoloop.board.BoardModel.PICO)) {
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            assertTrue(in.next().startsWith("! boot "));
            sim.transport().send("1 hello");
            assertTrue(in.next().contains(" maxline=" + Protocol.MAX_REQUEST_BYTES + " "), "hello's maxline");
            assertEquals("2 ok 1", ask(sim, in, "2 watch 14 up " + Protocol.DEBOUNCE_MAX_MS));
            assertTrue(ask(sim, in, "3 watch 14 up " + (Protocol.DEBOUNCE_MAX_MS + 1)).startsWith("3 err args "));
            assertTrue(ask(sim, in, "4 keepalive " + (Protocol.KEEPALIVE_MIN_MS - 1)).startsWith("4 err args "));
            assertEquals("5 ok", ask(sim, in, "5 keepalive " + Protocol.KEEPALIVE_MAX_MS));
            assertTrue(ask(sim, in, "6 keepalive " + (Protocol.KEEPALIVE_MAX_MS + 1)).startsWith("6 err args "));
            assertEquals("7 ok", ask(sim, in, "7 keepalive " + Protocol.KEEPALIVE_MIN_MS));
            assertEquals("8 ok", ask(sim, in, "8 keepalive 0"));
            assertTrue(ask(sim, in, Protocol.MAX_ID + " ping").startsWith(Protocol.MAX_ID + " ok "));
            assertTrue(ask(sim, in, (Protocol.MAX_ID + 1) + " ping").startsWith("- err syntax "));
            String longest = "9 ping " + "x".repeat(Protocol.MAX_REQUEST_BYTES - "9 ping ".length());
            assertTrue(ask(sim, in, longest).startsWith("9 err args "), "a line of exactly the limit is read");
            assertTrue(ask(sim, in, longest + "x").startsWith("- err toolong "));
        }
    }

    /** The Java constant is what the firmware in this tree says it is, and the simulator reports it. */
    @Test
    void theSimulatorReportsTheBundledFirmwareVersion() {
        try (SimulatedPico sim = SimulatedPico.start(io.picoloop.board.BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            assertEquals(Protocol.BRIDGE_FIRMWARE + "-sim", pico.identity().firmwareVersion());
        }
    }

    private static String ask(SimulatedPico sim, LineCollector in, String line) throws InterruptedException {
        sim.transport().send(line);
        return in.next();
    }
}
