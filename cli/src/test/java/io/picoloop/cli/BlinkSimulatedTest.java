package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command and its variations, on the built-in simulated Pico. */
class BlinkSimulatedTest {

    @Test
    void blinkOnTheSimulatedBoardPrintsEachChangeAsPlainTextWhenNotATerminal() {
        CliRun run = CliRun.of("blink", "--pin", "25", "--period", "100", "--sim", "--count", "3");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> changes = run.out().lines().filter(l -> l.contains("GP25 o")).toList();
        assertEquals(List.of("on", "off", "on", "off", "on", "off"),
                changes.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList(), run.toString());
        assertTrue(run.out().contains("GP25 blinked 3 times (period 100 ms, on 50 ms) on simulated Pico; left off"), run.toString());
        assertTrue(!run.out().contains("\r"), "no carriage returns when stdout is not a terminal");
    }

    @Test
    void durationStopsTheBlinkAndLedNamesGp25OnAPico() {
        CliRun run = CliRun.of("blink", "--pin", "LED", "--period", "100", "--on", "20", "--duration", "300ms", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP25 blinked 3 times (period 100 ms, on 20 ms)"), run.toString());
    }

    @Test
    void keepaliveTakesZeroOrTheBridgesRangeAndIsOtherwiseAUsageError() {
        CliRun off = CliRun.of("blink", "--pin", "25", "--period", "50", "--count", "1", "--sim", "--keepalive", "0");
        assertEquals(0, off.exitCode(), off.toString());
        CliRun shortest = CliRun.of("blink", "--pin", "25", "--period", "50", "--count", "1", "--sim", "--keepalive", "100ms");
        assertEquals(0, shortest.exitCode(), shortest.toString());
        assertEquals("", shortest.err(), "the simulated board has the keepalive: no warning");

        CliRun tooShort = CliRun.of("blink", "--pin", "25", "--count", "1", "--sim", "--keepalive", "50ms");
        assertEquals(2, tooShort.exitCode(), tooShort.toString());
        assertTrue(tooShort.err().contains("'50ms' is out of range: use 0 (off) or 100ms to 10m"), tooShort.toString());
    }

    @Test
    void onAPicoWTheLedIsTheRadioPinAndGp25IsRefused() {
        CliRun led = CliRun.of("blink", "--pin", "LED", "--period", "50", "--count", "1", "--sim", "--board", "picow");
        assertEquals(0, led.exitCode(), led.toString());
        assertTrue(led.out().contains("LED blinked 1 time"), led.toString());

        CliRun gp25 = CliRun.of("blink", "--pin", "25", "--count", "1", "--sim", "--board", "picow");
        assertEquals(2, gp25.exitCode(), gp25.toString());
        assertTrue(gp25.err().contains("GP25 is not a free GPIO on a Raspberry Pi Pico W"), gp25.toString());
        assertTrue(gp25.err().contains("use LED"), gp25.toString());
    }

    @Test
    void profileNamesWorkAsPins() {
        CliRun run = CliRun.of("blink", "--pin", "red", "--period", "40", "--count", "1", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP16 blinked 1 time"), run.toString());
    }

    @Test
    void statsShowTheSchedulerFigures() {
        CliRun run = CliRun.of("blink", "--period", "40", "--count", "2", "--sim", "--stats");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("timer lateness: n="), run.toString());
    }

    @Test
    void badOptionsAreRefusedWithTheFix() {
        assertUsage(CliRun.of("blink", "--pin", "29", "--sim"), "GP29 is not a free GPIO");
        assertUsage(CliRun.of("blink", "--pin", "banana", "--sim"), "is not a pin");
        assertUsage(CliRun.of("blink", "--period", "5", "--sim"), "too short");
        assertUsage(CliRun.of("blink", "--period", "100", "--on", "100", "--sim"), "shorter than --period");
        assertUsage(CliRun.of("blink", "--duty", "0", "--sim"), "1 to 99");
        assertUsage(CliRun.of("blink", "--duration", "soon", "--sim"), "is not a duration");
        assertUsage(CliRun.of("blink", "--sim", "--port", "/dev/ttyACM0"), "exclude each other");
        assertUsage(CliRun.of("blink", "--board", "picow"), "add --sim");
        assertUsage(CliRun.of("blink", "--on", "10", "--duty", "5", "--sim"), "mutually exclusive");
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().contains("protocol version 1"), version.toString());
        CliRun help = CliRun.of("blink", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--period") && help.out().contains("whole on+off cycle"), help.toString());
    }

    private static void assertUsage(CliRun run, String fragment) {
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(fragment), "stderr should contain \"" + fragment + "\"\n" + run);
        assertTrue(run.err().lines().filter(l -> !l.isBlank()).count() <= 3 || run.err().contains("Usage"),
                "one clear message, not a stack trace\n" + run);
    }
}
