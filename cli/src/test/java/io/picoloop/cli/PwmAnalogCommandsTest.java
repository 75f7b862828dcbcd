package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.Protocol;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code picoloop pwm}, {@code fade}, {@code read} and {@code demo dimmer} on the simulated Pico:
 * what they print, their exit codes, and the PWM output as the simulator's panel shows it (a line
 * per change when stdout is not a terminal), low at every end.
 */
class PwmAnalogCommandsTest {

    /** {@code GP26 32768  50.0%  1.650 V  device 0.123456 s} */
    static final Pattern READING = Pattern.compile(
            "(?m)^(GP\\d+|temp) +(\\d+) +([0-9.]+)%  ([0-9.-]+) (V|°C)  device ([0-9.]+) s$");

    /** What the panel showed of {@code pin}, in order: {@code 25%}, {@code off}, ... */
    static List<String> panel(String out, String pin) {
        return Pattern.compile("(?m)^ *[0-9.]+s " + pin + " (\\S+)$").matcher(out).results().map(m -> m.group(1)).toList();
    }

    static int percent(int u16) {
        return (int) Math.round(u16 * 100.0 / Protocol.PWM_DUTY_MAX);
    }

    @Test
    void pwmSetsTheDutyHoldsItAndLeavesThePinLow() {
        CliRun run = CliRun.of("pwm", "--pin", "red", "--duty", "25%", "--duration", "300ms", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP16 (red) at 25% duty, 1000 Hz on simulated Pico for 300 ms"), run.toString());
        assertEquals(List.of("25%", "off"), panel(run.out(), "GP16"), run.toString());
        assertTrue(run.out().contains("GP16 (red) was at 25%; left low"), run.toString());
    }

    @Test
    void pwmTakesAFractionAndAFrequencyAndEndsLowWhenTheScriptQuits() {
        CliRun run = CliRun.withStdin("wait 100\nquit\n", "pwm", "--pin", "20", "--duty", "0.125", "--freq", "500", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP20 (green) at 12.5% duty, 500 Hz on simulated Pico; Ctrl-C to stop"), run.toString());
        List<String> shown = panel(run.out(), "GP20");
        assertEquals("off", shown.get(shown.size() - 1), run.toString());
        assertTrue(shown.contains("13%"), run.toString());
    }

    /** Each period one fade up to full and one down to 0, run by the board; then low. */
    @Test
    void fadeGoesUpAndDownEachPeriodAndEndsLow() {
        long fades = 2;
        CliRun run = CliRun.of("fade", "--pin", "16", "--period", "200ms", "--count", "" + fades, "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP16 (red) fading up and down every 200 ms (1000 Hz) on simulated Pico"), run.toString());
        List<String> shown = panel(run.out(), "GP16");
        assertEquals(fades, shown.stream().filter("100%"::equals).count(), run.toString());
        assertEquals("off", shown.get(shown.size() - 1), run.toString());
        // between the tops, down to 0 and up again: the board's steps, not a jump
        assertTrue(shown.stream().filter(s -> !s.equals("off") && !s.equals("0%") && !s.equals("100%")).count() >= 4 * fades,
                run.toString());
        assertTrue(run.out().contains("GP16 (red) faded 2 times (period 200 ms); left low"), run.toString());
    }

    @Test
    void oneReadingOfTheTemperatureSensorIsInDegreesAndExitsZero() {
        CliRun run = CliRun.of("read", "--pin", "temp", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        Matcher m = READING.matcher(run.out());
        assertTrue(m.find(), run.toString());
        assertEquals("temp", m.group(1));
        assertEquals("°C", m.group(5));
        int value = Integer.parseInt(m.group(2));
        double celsius = BoardModel.celsius(value * BoardModel.ADC_REFERENCE_VOLTS / Protocol.ADC_VALUE_MAX);
        assertEquals(celsius, Double.parseDouble(m.group(4)), 0.05, run.toString());
        assertFalse(m.find(), "one reading: " + run);
    }

    /** --every: samples timed by the board, a plain line each (not a terminal), following the input as the script sets it. */
    @Test
    void readEveryStreamsSamplesThatFollowTheInput() {
        CliRun run = CliRun.withStdin("analog 26 32768\nwait 400\nanalog 26 65535\nwait 400\n",
                "read", "--pin", "GP26", "--every", "50ms", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("reading GP26 every 50 ms on simulated Pico (timed by the board)"), run.toString());
        assertFalse(run.out().contains("\r"), "no redrawn line when stdout is not a terminal");
        List<MatchResult> samples = READING.matcher(run.out()).results().toList();
        List<Integer> values = samples.stream().map(m -> Integer.parseInt(m.group(2))).toList();
        int firstHalf = values.indexOf(32768);
        int full = values.indexOf(65535);
        assertTrue(firstHalf >= 0 && full > firstHalf, run.toString());
        assertTrue(values.subList(full, values.size()).stream().allMatch(v -> v == 65535), run.toString());
        MatchResult half = samples.get(firstHalf);
        assertEquals("50.0", half.group(3), run.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", 32768 * BoardModel.ADC_REFERENCE_VOLTS / Protocol.ADC_VALUE_MAX),
                half.group(4), run.toString());
        // the board's times: increasing, a period apart on average
        List<Double> times = samples.stream().map(m -> Double.parseDouble(m.group(6))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) > times.get(i - 1), run.toString());
        }
        double mean = (times.get(times.size() - 1) - times.get(0)) / (times.size() - 1);
        assertEquals(0.050, mean, 0.010, run.toString());
        assertTrue(run.out().contains("GP26: " + samples.size() + " samples, 0 lost"), run.toString());
    }

    @Test
    void readCountStopsAfterThatManySamples() {
        CliRun run = CliRun.of("read", "--pin", "27", "--every", "10ms", "--count", "5", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(5, READING.matcher(run.out()).results().count(), run.toString());
        assertTrue(run.out().contains("GP27: 5 samples, 0 lost"), run.toString());
    }

    /** The pot's value sets the LED's duty, sample by sample; the LED is left low. */
    @Test
    void theDimmersLedFollowsThePot() {
        int low = 16384;
        int high = 49152;
        CliRun run = CliRun.withStdin("analog 26 " + low + "\nwait 300\nanalog 26 " + high + "\nwait 300\n",
                "demo", "dimmer", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("dimmer: the potentiometer on GP26 sets the brightness of GP16 (red) on simulated Pico"),
                run.toString());
        List<String> shown = panel(run.out(), "GP16");
        int lowAt = shown.indexOf(percent(low) + "%");
        int highAt = shown.indexOf(percent(high) + "%");
        assertTrue(lowAt >= 0 && highAt > lowAt, run.toString());
        assertEquals(List.of(percent(high) + "%", "off"), shown.subList(highAt, shown.size()), run.toString());
        assertTrue(run.out().matches("(?s).*GP16 \\(red\\) followed the potentiometer over [1-9]\\d* samples?; left low.*"),
                run.toString());
    }

    @Test
    void badInputIsOneLineNamingTheFix() {
        expectUsage("'150%' is more than always on: use 0 to 100% (0 to 1.0)", "pwm", "--pin", "16", "--duty", "150%", "--sim");
        expectUsage("'25' has no %: write 25% for 25 percent", "pwm", "--pin", "16", "--duty", "25", "--sim");
        expectUsage("--freq 5 is out of range: use " + Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ + " Hz",
                "pwm", "--pin", "16", "--duty", "25%", "--freq", "5", "--sim");
        expectUsage("--freq 2000000 is out of range", "fade", "--pin", "16", "--freq", "2000000", "--sim");
        expectUsage("PWM needs a GPIO from the header, such as 16",
                "pwm", "--pin", "LED", "--duty", "25%", "--board", "picow", "--sim");
        expectUsage("--period 10 ms is out of range: use 40ms to 20m", "fade", "--pin", "16", "--period", "10ms", "--sim");
        expectUsage("GP16 has no ADC: the analog inputs of a Pico are [GP26, GP27, GP28]", "read", "--pin", "16", "--sim");
        expectUsage("GP16 has no ADC", "demo", "dimmer", "--pot", "16", "--sim");
        expectUsage("--every 0 ms is out of range: use 1ms to 60s", "read", "--pin", "26", "--every", "0ms", "--sim");
        expectUsage("--count and --duration need --every", "read", "--pin", "26", "--count", "3", "--sim");
    }

    private static void expectUsage(String message, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), "one line: " + run);
        assertTrue(run.err().contains(message), run.toString());
        assertEquals("", run.out(), run.toString());
    }
}
