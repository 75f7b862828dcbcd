package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.LineCollector;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.ProtocolVectors;
import io.picoloop.protocol.VectorSessionRunner;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SimulatedPicoTest {

    @TestFactory
    Stream<DynamicTest> everyVectorSession() {
        return ProtocolVectors.load().sessions.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            try (SimulatedPico sim = SimulatedPico.start(SimulatedPico.modelNamed(s.board()))) {
                LineCollector in = new LineCollector();
                sim.transport().start(in);
                assertTrue(in.next().startsWith("! boot picoloop proto=1 fw="), "boot event first");
                VectorSessionRunner.run(s, sim.transport(), sim::receive, in, (pin, level) ->
                        assertEquals(level, sim.level(pin).orElse(-1), s + ": level of " + pin),
                        sim::setInput);
            }
        }));
    }

    @Test
    void hostileInputGetsOneReplyPerNonEmptyLineAndTheBoardLivesOn() throws Exception {
        Random rnd = new Random(20240611L);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lines.add(hostileLine(rnd));
        }
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            assertTrue(in.next().startsWith("! boot"));
            int replies = 0;
            int expected = 0;
            for (int from = 0; from < lines.size(); from += 100) {
                int batchExpected = 0;
                for (byte[] l : lines.subList(from, Math.min(from + 100, lines.size()))) {
                    sim.transport().sendBytes(l);
                    batchExpected += expectedReplies(l);
                }
                expected += batchExpected;
                for (int k = 0; k < batchExpected; k++) {
                    String r = in.next();
                    assertTrue(r.matches("(-|[0-9]{1,5}) (ok|err [a-z]+)( .*)?"), "not a reply: " + r);
                    replies++;
                }
            }
            sim.transport().send("7 ping");
            assertTrue(in.next().matches("7 ok [0-9]+"), "ping still answers");
            assertEquals(expected, replies);
            assertEquals(0, in.lines.size(), "no extra lines");
        }
    }

    /**
     * How many replies the line and its newline get, by the device's rules: a \r ends a line too
     * (the newline after a last \r is part of its line end), and an empty or all-space line of at
     * most 120 bytes gets none.
     */
    private static int expectedReplies(byte[] l) {
        int replies = 0;
        int start = 0;
        for (int i = 0; i <= l.length; i++) {
            if (i == l.length || l[i] == '\r') {
                boolean blank = i - start <= 120;
                for (int k = start; k < i && blank; k++) {
                    blank = l[k] == ' ';
                }
                replies += blank ? 0 : 1;
                start = i + 1;
            }
        }
        return replies;
    }

    private static final String[] WORDS = {"ping", "hello", "mode", "write", "toggle", "read", "off",
        "25", "GP25", "LED", "led", "out", "in", "up", "down", "none", "0", "1", "2", "-1", "29", "23",
        "99999999999999999999999999", "65535", "65536", "4294967296", "\"", "=", "!", "-", "PING", "Mode"};

    private static byte[] hostileLine(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (rnd.nextInt(8)) {
            case 0 -> out.writeBytes("x".repeat(121 + rnd.nextInt(3000)).getBytes());
            case 1 -> { // random bytes except newline
                int n = rnd.nextInt(200);
                for (int i = 0; i < n; i++) {
                    int b = rnd.nextInt(256);
                    out.write(b == '\n' ? 0 : b);
                }
            }
            case 2 -> out.writeBytes(new byte[] {'1', ' ', 'p', 0, 'i', 'n', 'g'});
            case 3 -> out.writeBytes(new byte[] {3});
            case 4 -> out.writeBytes(new byte[] {'w', 'r', 'i', 't', 'e', ' ', (byte) 0xC3, ' ', (byte) 0xFF});
            case 5 -> out.writeBytes((rnd.nextBoolean() ? "" : "  ").repeat(rnd.nextInt(3)).getBytes());
            default -> { // tokens from the protocol's words, in random order, sometimes with an id
                if (rnd.nextBoolean()) {
                    out.writeBytes((rnd.nextInt(70000) + " ").getBytes());
                }
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    out.writeBytes((WORDS[rnd.nextInt(WORDS.length)] + " ".repeat(1 + rnd.nextInt(2))).getBytes());
                }
                if (rnd.nextInt(10) == 0) {
                    out.write('\r');
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void pinListenerAndLevelFollowTheLed() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            List<String> changes = new CopyOnWriteArrayList<>();
            sim.addPinListener((pin, level, nanos) -> changes.add(pin + "=" + level));
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            in.next();
            assertTrue(sim.level(PinId.LED).isEmpty(), "not set up at power-on");
            sim.transport().send("1 mode LED out 1");
            assertTrue(in.next().matches("1 ok \\d+"));
            assertTrue(sim.ledOn());
            sim.transport().send("2 toggle 25");
            assertTrue(in.next().matches("2 ok 0 \\d+"));
            assertEquals(List.of("GP25=1", "GP25=0"), changes);
        }
    }

    @Test
    void restartSendsBootAndForgetsPins() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO_W)) {
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            in.next();
            sim.transport().send("1 mode LED out 1");
            assertTrue(in.next().matches("1 ok \\d+"));
            sim.restart();
            assertTrue(in.next().startsWith("! boot picoloop proto=1"));
            assertTrue(sim.level(PinId.LED).isEmpty());
        }
    }

    @Test
    void outputRepliesCarryTheDeviceTimeOfTheChange() throws Exception {
        long[] now = {1_000_000_000L};
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, () -> now[0])) {
            List<Long> changedAt = new CopyOnWriteArrayList<>();
            sim.addPinListener((pin, level, nanos) -> changedAt.add(nanos));
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            in.next();
            now[0] += 1_000_000L;
            sim.transport().send("1 mode LED out 1");
            assertEquals("1 ok 1000", in.next());
            now[0] += 2_345_000L;
            sim.transport().send("2 write 25 0");
            assertEquals("2 ok 3345", in.next());
            now[0] += 5_000L;
            sim.transport().send("3 toggle led");
            assertEquals("3 ok 1 3350", in.next());
            now[0] += 1_000L;
            sim.transport().send("4 write 25 1"); // already high: still driven, still timed
            assertEquals("4 ok 3351", in.next());
            assertEquals(List.of(1_001_000_000L, 1_003_345_000L, 1_003_350_000L), changedAt);
            sim.transport().send("5 mode 25 in");
            assertEquals("5 ok", in.next());
        }
    }

    @Test
    void pingFollowsTheGivenClock() throws Exception {
        long[] now = {1_000_000_000L};
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, () -> now[0])) {
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            in.next();
            now[0] += 2_500_000L;
            sim.transport().send("1 ping");
            assertEquals("1 ok 2500", in.next());
        }
    }

    @Test
    void replCommandHandsOverToTheRepl() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO)) {
            LineCollector in = new LineCollector();
            sim.transport().start(in);
            in.next();
            sim.transport().send("1 repl");
            assertEquals("1 ok", in.next());
            assertTrue(in.next().startsWith("MicroPython v"));
        }
    }

    @Test
    void closingTheSimulatorClosesTheHostLink() throws Exception {
        SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
        LineCollector in = new LineCollector();
        sim.transport().start(in);
        sim.close();
        Throwable cause = in.closed.get(5, TimeUnit.SECONDS);
        assertNotNull(cause, "the host sees the link die, not a polite close");
    }
}
