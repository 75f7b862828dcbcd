package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a replugged board is set up with: the program's pins as the board confirmed them. */
class PinRecordTest {

    private final PinRecord record = new PinRecord();

    private void ok(String command, String reply, String... args) {
        record.ok(Request.of(1, command, args), reply.isEmpty() ? Reply.ok(1) : Reply.ok(1, reply.split(" ")));
    }

    private List<String> restore() {
        return record.restoreRequests().stream().map(c -> String.join(" ", c.args())).toList();
    }

    @Test
    void outputsComeBackAtTheLevelTheBoardLastConfirmedAndInputsWithTheirPull() {
        ok("mode", "5", "16", "out", "0");
        ok("write", "7", "16", "1");
        ok("mode", "8", "LED", "out");
        ok("toggle", "1 9", "LED");             // the reply's level counts, not a guess
        ok("mode", "", "15", "in", "down");
        ok("watch", "1", "14", "up", "20");
        ok("ping", "10");
        ok("read", "1", "16");
        assertEquals(List.of("15 in down", "14 in up", "16 out 1", "LED out 1"), restore());
        assertEquals("GP16 high, LED high", record.outputs());
    }

    @Test
    void offLowersEveryOutputAndAPinChangingModeMovesAcross() {
        ok("mode", "5", "16", "out", "1");
        ok("mode", "5", "17", "out", "1");
        ok("off", "2");
        ok("watch", "1", "17", "none", "5");    // an output watched: an input now
        ok("mode", "6", "14", "out", "1");      // ... and back
        assertEquals(List.of("17 in none", "16 out 0", "14 out 1"), restore());
    }

    @Test
    void aWriteToAPinThatIsNoOutputAddsNothing() {
        ok("write", "7", "16", "1");            // (the board would have said err mode)
        ok("toggle", "1 9", "17");
        assertEquals(List.of(), restore());
        assertEquals("", record.outputs());
    }

    @Test
    void aWriteOfSeveralPinsRecordsEveryPair() {
        ok("mode", "5", "16", "out", "0");
        ok("mode", "5", "19", "out", "1");
        ok("mode", "5", "20", "out", "0");
        ok("write", "9", "16", "1", "19", "0", "20", "1");
        assertEquals(List.of("16 out 1", "19 out 0", "20 out 1"), restore());
        assertEquals("GP16 high, GP19 low, GP20 high", record.outputs());
    }
}
