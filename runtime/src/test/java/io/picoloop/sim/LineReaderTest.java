package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device's framing (what the simulated Pico reads), byte by byte and read by read. */
class LineReaderTest {

    private final LineReader reader = new LineReader();

    /** What the reader makes of each read: one list per read, each line as text. */
    private List<List<String>> reads(String... reads) {
        List<List<String>> out = new ArrayList<>();
        for (String read : reads) {
            byte[] data = read.getBytes(StandardCharsets.ISO_8859_1);
            List<String> lines = new ArrayList<>();
            reader.feed(data, 0, data.length, l -> lines.add(
                    l == LineReader.TOOLONG ? "TOOLONG" : new String(l, StandardCharsets.ISO_8859_1)));
            out.add(lines);
        }
        return out;
    }

    @Test
    void aLineEndsAtLfCrLfOrALoneCr() {
        assertEquals(List.of(List.of("ping"), List.of("ping"), List.of("ping")),
                reads("ping\n", "ping\r\n", "ping\r"));
        assertEquals(List.of(List.of("1 ping", "2 ping")), reads("1 ping\r2 ping\r"));
    }

    @Test
    void theLfOfACrLfIsNoSecondLineAlsoInTheNextRead() {
        assertEquals(List.of(List.of("3 ping"), List.of("4 ping"), List.of()),
                reads("3 ping\r", "\n4 ping\r", "\n"));
        // but a second CR, or an LF after an LF, is an empty line
        assertEquals(List.of(List.of("5 ping", ""), List.of("6 ping", ""), List.of("", "")),
                reads("5 ping\r\r\n", "6 ping\r\n\n", "\n\r"));
    }

    @Test
    void overlongLinesEndAtACrTooAndTheLimitStays120Bytes() {
        String ok120 = "7 ping" + " ".repeat(114);
        assertEquals(List.of(List.of("TOOLONG", "7 ping"), List.of(ok120)),
                reads("8 ping" + " ".repeat(115) + "\r\n7 ping\r", ok120 + "\r\n"));
        assertEquals(List.of(List.of("TOOLONG"), List.of("9 ping")), reads("x".repeat(5000) + "\r", "\n9 ping\n"));
    }

    @Test
    void otherControlBytesArePartOfTheLine() {
        // the dispatcher refuses them (- err syntax): see the vectors' "bytes outside printable ASCII"
        assertEquals(List.of(List.of("1 pi\u0003ng", "\t", "1 ping")), reads("1 pi\u0003ng\r\t\n1 ping\n"));
    }
}
