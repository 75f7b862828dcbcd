package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LineCodecTest {

    private static final ProtocolVectors VECTORS = ProtocolVectors.load();

    @Test
    void vectorsFileHasAllDirectives() {
        assertTrue(VECTORS.sessions.size() >= 15, "sessions: " + VECTORS.sessions.size());
        assertTrue(VECTORS.codecCases.stream().anyMatch(c -> c.directive().equals("reply")));
        assertTrue(VECTORS.codecCases.stream().anyMatch(c -> c.directive().equals("event")));
        assertTrue(VECTORS.codecCases.stream().anyMatch(c -> c.directive().equals("bad")));
    }

    @TestFactory
    Stream<DynamicTest> codecDirectives() {
        return VECTORS.codecCases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(ProtocolVectors.CodecCase c) {
        switch (c.directive()) {
            case "reply" -> {
                Reply r = assertInstanceOf(Reply.class, LineCodec.decodeDeviceLine(c.line()));
                String[] exp = c.expected().split(" ", 3);
                assertEquals(exp[0], r.idText());
                if (exp[1].equals("ok")) {
                    assertTrue(r.ok());
                    List<String> values = exp.length > 2 ? Arrays.asList(exp[2].split("\\|")) : List.of();
                    assertEquals(values, r.values());
                } else {
                    assertFalse(r.ok());
                    String[] codeMsg = exp[2].split(" ", 2);
                    assertEquals(codeMsg[0], r.code());
                    assertEquals(codeMsg.length > 1 ? codeMsg[1] : "", r.message());
                }
            }
            case "event" -> {
                DeviceEvent e = assertInstanceOf(DeviceEvent.class, LineCodec.decodeDeviceLine(c.line()));
                String[] exp = c.expected().split(" ", 2);
                assertEquals(exp[0], e.kind());
                assertEquals(exp.length > 1 ? Arrays.asList(exp[1].split("\\|")) : List.of(), e.fields());
            }
            case "bad" -> {
                ProtocolException ex = assertThrows(ProtocolException.class,
                        () -> LineCodec.decodeDeviceLine(c.line()));
                assertTrue(ex.getMessage().contains(c.expected()),
                        "message \"" + ex.getMessage() + "\" should contain \"" + c.expected() + "\"");
            }
            default -> throw new AssertionError(c.directive());
        }
    }

    /** Every reply pattern of every session, with sample values, decodes to what it says. */
    @TestFactory
    Stream<DynamicTest> sessionRepliesDecode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ProtocolVectors.Session s : VECTORS.sessions) {
            for (ProtocolVectors.Step step : s.steps()) {
                if (step instanceof ProtocolVectors.Expect e) {
                    String line = ProtocolVectors.sample(e.pattern());
                    if (e.pattern().startsWith("!")) {
                        tests.add(DynamicTest.dynamicTest(s + ": " + line, () -> assertEquals(
                                e.pattern().split(" ")[1], assertInstanceOf(DeviceEvent.class,
                                        LineCodec.decodeDeviceLine(line)).kind())));
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(s + ": " + line, () -> {
                        assertTrue(e.matches(line), "sample should match its own pattern");
                        Reply r = assertInstanceOf(Reply.class, LineCodec.decodeDeviceLine(line));
                        String[] parts = e.pattern().split(" ");
                        assertEquals(parts[0], r.idText());
                        assertEquals(parts[1].equals("ok"), r.ok());
                        if (!r.ok()) {
                            assertEquals(parts[2], r.code());
                        }
                        assertEquals(line, r.encode(), "encode() gives the line back");
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void helloKeyValuesWithQuotedModel() {
        Reply r = (Reply) LineCodec.decodeDeviceLine("7 ok picoloop proto=1 fw=0.1.0 uid=AB led=LED"
                + " pins=0-22,26-28 maxline=120 model=\"Raspberry Pi Pico W with RP2040\"");
        assertEquals("LED", r.value("led").orElseThrow());
        assertEquals("Raspberry Pi Pico W with RP2040", r.keyValues().get("model"));
        assertTrue(r.encode().endsWith("model=\"Raspberry Pi Pico W with RP2040\""));
    }

    @Test
    void errorMessagesEscapeAndTruncate() {
        byte[] junk = new byte[300];
        Arrays.fill(junk, (byte) 0x07);
        ProtocolException ex = assertThrows(ProtocolException.class, () -> LineCodec.decodeDeviceLine(junk));
        assertTrue(ex.getMessage().contains("\\x07\\x07"), ex.getMessage());
        assertTrue(ex.getMessage().contains("(300 bytes)"), ex.getMessage());
        assertTrue(ex.getMessage().length() < 500, ex.getMessage());
    }

    @Test
    void replPromptNamesTheFix() {
        ProtocolException ex = assertThrows(ProtocolException.class, () -> LineCodec.decodeDeviceLine(">>> "));
        assertTrue(ex.getMessage().contains("copy bridge-firmware/*.py to the board"), ex.getMessage());
    }

    @Test
    void requestEncodeAndRefusals() {
        assertEquals("12 mode 25 out 0", Request.of(12, "MODE", "25", "out", "0").encode());
        assertEquals("ping", Request.of(Request.NO_ID, "ping").encode());
        assertThrows(IllegalArgumentException.class, () -> Request.of(1, "write", "a b"));
        assertThrows(IllegalArgumentException.class, () -> Request.of(1, "write", "\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> Request.of(65536, "ping"));
        assertThrows(IllegalArgumentException.class, () -> Request.of(1, "x", "y".repeat(130)).encode());
    }

    @Test
    void pinIdsAndSets() {
        assertEquals(PinId.LED, PinId.parse("led").orElseThrow());
        assertEquals(PinId.gpio(25), PinId.parse("GP25").orElseThrow());
        assertEquals(PinId.gpio(7), PinId.parse("gp7").orElseThrow());
        assertTrue(PinId.parse("-1").isEmpty());
        assertTrue(PinId.parse("banana").isEmpty());
        assertTrue(PinId.parse("99999999999999999999").isEmpty());
        assertEquals("0-22,25-28", PinSet.format(PinSet.parse("0-22,25-28")));
        assertEquals(27, PinSet.parse("0-22,25-28").size());
        assertThrows(IllegalArgumentException.class, () -> PinSet.parse("0-x"));
    }
}
