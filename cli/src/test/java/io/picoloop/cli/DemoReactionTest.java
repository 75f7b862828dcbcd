package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code picoloop demo reaction} on the simulated Pico, the button driven through stdin. */
class DemoReactionTest {

    @Test
    void anEarlyPressIsCaughtAndTheReactionIsTimedFromDeviceTimes() {
        String script = """
                wait 400
                press
                wait 50
                release
                await-led
                wait 250
                press
                wait 50
                release
                """;
        CliRun run = WatchCommandTest.withStdin(script, "demo", "reaction", "--sim", "--rounds", "1", "--seed", "7");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("too soon! wait for the LED"), run.toString());
        Matcher m = Pattern.compile("reaction ([0-9.]+) ms").matcher(run.out());
        assertTrue(m.find(), run.toString());
        double ms = Double.parseDouble(m.group(1));
        assertTrue(ms >= 250 && ms < 1000, "the script waited 250 ms after the LED: " + run);
        assertTrue(run.out().contains("best " + m.group(1) + " ms, mean " + m.group(1) + " ms over 1 round"), run.toString());
    }

    @Test
    void demoWithoutASubcommandPrintsItsUsage() {
        CliRun run = CliRun.of("demo");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("reaction"), run.toString());
    }
}
