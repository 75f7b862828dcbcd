package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.RepoRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * A command line that is wrong, or a number out of range, is a usage error: exit 2 and one line on
 * stderr that says what is wrong and where to look, never the whole usage after it, never a Java
 * word such as "long overflow". All on the simulated board (nothing here reaches a board).
 */
class CommandLineErrorsTest {

    @Test
    void everyCommandTellsItsVersion() {
        for (String command : List.of("", "blink", "watch", "pwm", "fade", "read", "demo", "demo reaction", "demo dimmer", "ports", "install", "boards", "identify",
                "doctor")) {
            List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--version");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("picoloop ") && run.out().contains("protocol version 1"),
                    "picoloop " + command + " --version: " + run);
        }
    }

    @Test
    void outOfRangeNumbersNameTheRange() {
        assertUsageLine(CliRun.of("blink", "--sim", "--period", "99999999999999"),
                "--period 99999999999999 is too long: use at most 3600000 ms (an hour)");
        assertUsageLine(CliRun.of("blink", "--sim", "--period", "9223372036854775807"), "use at most 3600000 ms");
        assertUsageLine(CliRun.of("blink", "--sim", "--duration", "999999999h"),
                "'999999999h' is too long: the most is 8760h (365 days); see picoloop blink --help");
        assertUsageLine(CliRun.of("blink", "--sim", "--duration", "99999999999999999999ms"), "the most is 8760h");
        assertUsageLine(CliRun.of("blink", "--sim", "--keepalive", "999999999h"),
                "'999999999h' is out of range: use 0 (off) or 100ms to 10m");
        assertUsageLine(CliRun.of("watch", "--sim", "--pin", "14", "--duration", "999999999h"), "the most is 8760h");
        assertUsageLine(CliRun.of("watch", "--sim", "--pin", "14", "--long", "9223372036854775807"),
                "--long and --double must be 1 to 60000 ms");
        assertUsageLine(CliRun.of("watch", "--sim", "--pin", "14", "--double", "9223372036854775807"),
                "--long and --double must be 1 to 60000 ms");
        assertUsageLine(CliRun.of("demo", "reaction", "--sim", "--keepalive", "9999999999m"), "100ms to 10m");
        // beyond what a Java long holds: plain words, and the help that names the range
        assertUsageLine(CliRun.of("blink", "--sim", "--period", "99999999999999999999"),
                "'99999999999999999999' is too big; see picoloop blink --help");
        assertUsageLine(CliRun.of("demo", "reaction", "--sim", "--rounds", "99999999999"), "'99999999999' is too big");
    }

    @Test
    void aBareNumberIsNoDurationButZeroIs() {
        assertUsageLine(CliRun.of("blink", "--sim", "--duration", "5"),
                "picoloop: Invalid value for option '--duration': '5' has no unit: write 5s for seconds or 5ms for "
                        + "milliseconds; see picoloop blink --help");
        assertUsageLine(CliRun.of("watch", "--sim", "--pin", "14", "--duration", "30"), "'30' has no unit: write 30s");
        assertUsageLine(CliRun.of("demo", "reaction", "--sim", "--keepalive", "3"), "'3' has no unit: write 3s");
        assertEquals(java.time.Duration.ZERO, new DurationConverter().convert("0"));
        assertEquals(java.time.Duration.ofSeconds(5), new DurationConverter().convert("5s"));
    }

    @Test
    void theLongestAllowedValuesAreAccepted() {
        assertEquals(java.time.Duration.ofDays(365), new DurationConverter().convert("8760h"));
        assertEquals(java.time.Duration.ofMinutes(10), new DurationConverter.Keepalive().convert("10m"));
        assertEquals(java.time.Duration.ofMillis(100), new DurationConverter.Keepalive().convert("100ms"));
        assertEquals(java.time.Duration.ZERO, new DurationConverter.Keepalive().convert("0"));
        CliRun hour = CliRun.of("blink", "--sim", "--period", "3600000", "--on", "10", "--count", "1");
        assertEquals(0, hour.exitCode(), hour.toString());
    }

    @Test
    void optionDescriptionsNameTheRanges() {
        CliRun blink = CliRun.of("blink", "--help");
        String help = blink.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("10 to 3600000 (an hour)") && help.contains("at most 8760h (365 days)")
                && help.contains("0 (off) or 100ms to 10m"), blink.toString());
        String watch = CliRun.of("watch", "--help").out().replaceAll("\\s+", " ");
        assertTrue(watch.contains("1 to 60000 ms") && watch.contains("at most 8760h"), watch);
    }

    /** The protocol's limits, as the help says them and the options take them: Protocol's, not copies. */
    @Test
    void theProtocolsLimitsAreTheOptionsRanges() {
        long debounceMax = Protocol.DEBOUNCE_MAX_MS;
        assertUsageLine(CliRun.of("watch", "--sim", "--pin", "14", "--debounce", String.valueOf(debounceMax + 1)),
                "--debounce " + (debounceMax + 1) + " must be 0 to " + debounceMax + " ms");
        assertTrue(CliRun.of("watch", "--help").out().replaceAll("\\s+", " ").contains("0 to " + debounceMax + " ms"));
        DurationConverter.Keepalive keepalive = new DurationConverter.Keepalive();
        String[] ends = DurationConverter.Keepalive.RANGE.replace("0 (off) or ", "").split(" to ");
        assertEquals(Duration.ofMillis(Protocol.KEEPALIVE_MIN_MS), keepalive.convert(ends[0]));
        assertEquals(Duration.ofMillis(Protocol.KEEPALIVE_MAX_MS), keepalive.convert(ends[1]));
        for (long outside : new long[] {Protocol.KEEPALIVE_MIN_MS - 1, Protocol.KEEPALIVE_MAX_MS + 1}) {
            assertThrows(TypeConversionException.class, () -> keepalive.convert(outside + "ms"));
        }
    }

    @Test
    void aParseErrorIsOneLineWithPicocliMessageAndWhereTheHelpIs() {
        assertUsageLine(CliRun.of("blink", "--period", "abc", "--sim"),
                "picoloop: Invalid value for option '--period': 'abc' is not a whole number; see picoloop blink --help");
        assertUsageLine(CliRun.of("blink", "--duration", "-1s", "--sim"), "'-1s' is not a duration");
        assertUsageLine(CliRun.of("blink", "--duration", "5x", "--sim"), "'5x' is not a duration");
        assertUsageLine(CliRun.of("blink", "--on", "10", "--duty", "5", "--sim"),
                "picoloop: --on=MS, --duty=PERCENT are mutually exclusive (specify only one); see picoloop blink --help");
        assertUsageLine(CliRun.of("watch", "--pin", "14", "--pull", "sideways", "--sim"),
                "expected one of [UP, DOWN, NONE] (case-insensitive) but was 'sideways'; see picoloop watch --help");
        assertUsageLine(CliRun.of("demo", "reaction", "--seed", "x", "--sim"),
                "'x' is not a whole number; see picoloop demo reaction --help");
        assertUsageLine(CliRun.of("watch", "--sim"),
                "picoloop: Missing required option: '--pin=PIN'; see picoloop watch --help");
        assertUsageLine(CliRun.of("ports", "--sim"), "picoloop: Unknown option: '--sim'; see picoloop ports --help");
        assertUsageLine(CliRun.of("blink", "--perod", "50", "--sim"), "(did you mean --period?)");
        assertUsageLine(CliRun.of("blnk"), "(did you mean blink?); see picoloop --help");
    }

    @Test
    void aMissingCommandIsAUsageErrorNamingTheCommands() {
        assertUsageLine(CliRun.of(), "picoloop: missing command: blink, watch, pwm, fade, read, demo, ports, install, boards, identify or doctor; see picoloop --help");
        assertUsageLine(CliRun.of("demo"), "picoloop: missing command after demo: reaction or dimmer; see picoloop demo --help");
        CliRun help = CliRun.of("demo", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("reaction") && help.out().contains("dimmer"), help.toString());
    }

    @Test
    void everyHelpAndTheReadmeListTheSameExitCodes() throws Exception {
        List<CliRun> helps = new ArrayList<>();
        for (String command : List.of("", "blink", "watch", "pwm", "fade", "read", "demo", "demo reaction", "demo dimmer", "ports", "install", "boards", "identify",
                "doctor")) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            helps.add(CliRun.of(args.toArray(String[]::new)));
        }
        StringWriter program = new StringWriter();
        int programExit = ProgramRunner.run("Lab", new String[] {"--help"}, pico -> { },
                new PrintWriter(program, true), new PrintWriter(new StringWriter(), true));
        helps.add(new CliRun(programExit, program.toString(), ""));
        for (CliRun help : helps) {
            assertEquals(0, help.exitCode(), help.toString());
            String list = help.out().substring(help.out().indexOf("Exit codes:"));
            for (ExitCode e : ExitCode.values()) {
                assertTrue(list.contains(String.format("%3d", e.code()) + "   " + e.meaning()), e + " in\n" + help);
            }
        }
        String sentence = "Exit codes: " + String.join(", ", Arrays.stream(ExitCode.values())
                .map(e -> e.code() + " " + e.meaning()).toList()) + ".";
        assertTrue(sentence.contains("130 stopped by Ctrl-C, 143 stopped by kill (SIGTERM)"), sentence);
        String readme = Files.readString(RepoRoot.get().resolve("README.md")).replaceAll("\\s+", " ");
        assertTrue(readme.contains(sentence), "README.md says: " + sentence);
    }

    /** Exit 2, and stderr is exactly one line starting "picoloop: " that contains {@code fragment}. */
    static void assertUsageLine(CliRun run, String fragment) {
        assertEquals(2, run.exitCode(), run.toString());
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr, no usage after it\n" + run);
        assertTrue(lines.getFirst().startsWith("picoloop: ") && lines.getFirst().contains(fragment),
                "stderr should contain \"" + fragment + "\"\n" + run);
        assertEquals("", run.out(), "nothing on stdout\n" + run);
    }
}
