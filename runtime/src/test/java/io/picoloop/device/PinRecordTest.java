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

    @Test
    void pwmOutputsComeBackAtTheirFrequencyAndDutyAndStreamsWithTheirPeriod() {
        ok("pwm", "5", "16", "1000", "16384");
        ok("pwm", "6", "16", "2000", "16384");
        ok("pwm", "7", "19", "1000", "0");
        ok("fade", "8", "19", "0", "65535", "2000");    // restored where it ends
        ok("tone", "9", "20", "440", "200");            // ... and a tone ends silent
        ok("stream", "10", "26", "10");
        ok("stream", "11", "temp", "500");
        ok("stream", "12", "temp", "off");
        ok("adc", "300 13", "27");                      // read once: nothing to restore
        assertEquals(List.of("16 2000 16384", "19 1000 65535", "20 440 0", "26 10"), restore());
        assertEquals("GP16 PWM 2000 Hz duty 16384, GP19 PWM 1000 Hz duty 65535, GP20 PWM 440 Hz duty 0", record.outputs());
    }

    @Test
    void offEndsPwmAndStreamsAndAnotherRoleEndsEither() {
        ok("pwm", "5", "16", "1000", "16384");
        ok("stream", "6", "26", "10");
        ok("off", "1");
        assertEquals(List.of("16 out 0"), restore(), "off: a PWM output becomes an output driven low, streams stop");
        ok("pwm", "7", "16", "1000", "100");
        ok("stream", "8", "26", "10");
        ok("pwm", "9", "16", "off");
        ok("mode", "10", "26", "out", "1");
        assertEquals(List.of("16 out 0", "26 out 1"), restore());
        ok("pwm", "11", "26", "1000", "100");
        ok("watch", "1", "26", "up", "20");
        assertEquals(List.of("26 in up", "16 out 0"), restore());
    }
}
