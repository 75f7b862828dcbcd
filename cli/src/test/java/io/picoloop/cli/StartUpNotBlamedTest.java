package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop's watchdog reports a task that holds the loop; picoloop's own start-up (the JVM loading
 * the formatter and the loop's classes, the simulator's panel running stty and loading its
 * classes) was charged to the command's first task in about half of the runs on a busy machine
 * ("task 'main' has held the loop for 117 ms ... at TerminalCommand.run"). In an interpreted JVM
 * ({@code -Xint}: class loading and first runs several times slower, as on a loaded Pi) it was
 * reported in every run; now none.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartUpNotBlamedTest {

    @Test
    void watchOnTheSimulatedBoardReportsNothingOfItsOwnStartUp() throws Exception {
        assertNoReport("watch", "--pin", "14", "--sim");
    }

    @Test
    void theReactionDemoReportsNothingOfItsOwnStartUp() throws Exception {
        assertNoReport("demo", "reaction", "--sim");
    }

    private static void assertNoReport(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(BlinkOverPtyTest.javaCommand(args));
        cmd.add(1, "-Xint");
        Process p = new ProcessBuilder(cmd).start();
        try {
            p.getOutputStream().write("wait 300\nquit\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            ChildOutput out = ChildOutput.of(p.getInputStream());
            ChildOutput err = ChildOutput.of(p.getErrorStream());
            assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(150)), "ends: " + out + err);
            Thread.sleep(100);
            assertEquals(0, p.exitValue(), out + "\n" + err);
            assertFalse(err.text().contains("held the loop"), "start-up charged to a task:\n" + err);
        } finally {
            p.destroyForcibly();
        }
    }
}
