package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.FirmwareOnPty;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the help, the version and the first line say: whole sentences, each thing once, the board by name. */
class HelpTextTest {

    @Test
    void theTopHelpListsEachCommandsWholeFirstSentenceAndHowToRunAProgram() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run.toString());
        String oneLine = run.out().replaceAll("\\s+", " ");
        assertTrue(oneLine.contains("watch Watch a button: print each press, release, long press, double click and click"
                + " with its device time and host time, until Ctrl-C, --count presses or --duration."), run.out());
        assertTrue(oneLine.contains("./picoloop MyProgram.java --sim"), run.out());
    }

    @Test
    void keepaliveHelpSaysWhatZeroDoesOnce() {
        CliRun run = CliRun.of("blink", "--help");
        String oneLine = run.out().replaceAll("\\s+", " ");
        int start = oneLine.lastIndexOf("--keepalive=TIME");     // the option list, after the synopsis
        String help = oneLine.substring(start, oneLine.indexOf("--on=", start));
        Matcher zero = Pattern.compile("\\b0\\b").matcher(help);
        int zeros = 0;
        while (zero.find()) {
            zeros++;
        }
        assertEquals(1, zeros, help);
    }

    /** --duration is one option (StopAfter), said and bounded alike wherever a command takes it. */
    @Test
    void durationReadsTheSameInEveryCommandThatTakesIt() {
        List<String> helps = Stream.of("blink", "watch", "read", "pwm", "fade", "demo dimmer")
                .map(command -> durationHelp(CliRun.of((command + " --help").split(" ")).out())).distinct().toList();
        assertEquals(List.of("--duration=TIME Stop after this long, e.g. 10s, 2m; at most " + DurationConverter.MAX_TEXT + "."),
                helps);
    }

    /** The help's --duration entry in one line: from its name to the next option. */
    private static String durationHelp(String help) {
        String oneLine = help.replaceAll("\\s+", " ");
        int start = oneLine.lastIndexOf("--duration=TIME");
        Matcher next = Pattern.compile(" -[-\\w]").matcher(oneLine);
        return oneLine.substring(start, next.find(start + 1) ? next.start() : oneLine.length()).strip();
    }

    @Test
    void theVersionNamesTheBridgeFirmwareItComesWith() {
        CliRun run = CliRun.of("--version");
        assertTrue(run.out().contains("bridge firmware " + Protocol.BRIDGE_FIRMWARE), run.out());
    }

    /** With --port as without it: once, at the start, which board (model, port, bridge version, id). */
    @Test
    void aBoardCommandSaysOnceWhichBoardItTalksTo() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            CliRun run = CliRun.of("blink", "--pin", "25", "--period", "20", "--count", "1", "--port", fw.port());
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(1, run.err().lines().filter(l -> l.startsWith("picoloop: using ")).count(), run.toString());
            assertTrue(Pattern.compile("picoloop: using Raspberry Pi Pico\\S* .*on " + Pattern.quote(fw.port())
                    + " \\(bridge " + Pattern.quote(Protocol.BRIDGE_FIRMWARE) + ", id [0-9A-F]+\\)").matcher(run.err()).find(),
                    run.toString());
        }
    }
}
