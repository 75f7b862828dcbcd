package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device's framing (what the simulated Pico reads), byte by byte and read by read. */
class LineReaderTest {

    private final LineReader.Framer framer = new LineReader.Framer();

    /** What the framer makes of each read: one list per read, each line shown as text. */
    private List<List<String>> reads(String... reads) {
        List<List<String>> out = new ArrayList<>();
        for (String read : reads) {
            byte[] data = read.getBytes(StandardCharsets.ISO_8859_1);
            List<String> lines = new ArrayList<>();
            framer.feed(data, 0, data.length, r -> lines.add(switch (r) {
                case LineReader.Empty e -> "(empty)";
                case LineReader.Parsed p -> p.request().id() + " " + p.request().command();
                case LineReader.Rejected j -> j.reply().code();
            }));
            out.add(lines);
        }
        return out;
    }

    @Test
    void aLineEndsAtLfCrLfOrALoneCr() {
        assertEquals(List.of(List.of("-1 ping"), List.of("-1 ping"), List.of("-1 ping")),
                reads("ping\n", "ping\r\n", "ping\r"));
        assertEquals(List.of(List.of("1 ping", "2 ping")), reads("1 ping\r2 ping\r"));
    }

    @Test
    void theLfOfACrLfIsNoSecondLineAlsoInTheNextRead() {
        assertEquals(List.of(List.of("3 ping"), List.of("4 ping"), List.of()),
                reads("3 ping\r", "\n4 ping\r", "\n"));
        // but a second CR, or an LF after an LF, is an empty line
        assertEquals(List.of(List.of("5 ping", "(empty)"), List.of("6 ping", "(empty)"), List.of("(empty)", "(empty)")),
                reads("5 ping\r\r\n", "6 ping\r\n\n", "\n\r"));
    }

    @Test
    void overlongLinesEndAtACrTooAndTheLimitStays120Bytes() {
        String ok120 = "7 ping" + " ".repeat(114);
        assertEquals(List.of(List.of("toolong", "7 ping"), List.of("7 ping")),
                reads("8 ping" + " ".repeat(115) + "\r\n7 ping\r", ok120 + "\r\n"));
        assertEquals(List.of(List.of("toolong"), List.of("9 ping")), reads("x".repeat(5000) + "\r", "\n9 ping\n"));
    }

    @Test
    void otherControlBytesAreStillSyntaxErrors() {
        assertEquals(List.of(List.of("syntax", "syntax", "1 ping")), reads("1 pi\u0003ng\r\t\n1 ping\n"));
    }
}
