package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A picoloop process stopped by a signal: what it prints, and its exit code. */
class StopSignalsTest {

    /** {@code kill PID} (SIGTERM) stops the command as Ctrl-C does; the last line does not claim it was Ctrl-C. */
    @Test
    void killStopsTheBlinkLeavesTheLedOffAndDoesNotCallItCtrlC() throws Exception {
        Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("blink", "--pin", "25", "--period", "200",
                "--sim")).redirectErrorStream(true).start();
        try {
            cli.getOutputStream().close();
            ChildOutput out = ChildOutput.of(cli.getInputStream());
            ChildOutput.await(out::text, "GP25 on", cli);
            new ProcessBuilder("kill", "-TERM", Long.toString(cli.pid())).start().waitFor();
            assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(20)), "picoloop exits after kill: " + out);
            assertEquals(143, cli.exitValue(), out.text());
            ChildOutput.await(out::text, "on simulated Pico, stopped by Ctrl-C or a kill signal; left off", cli);
            assertFalse(out.text().contains("stopped by Ctrl-C;") || out.text().contains("stopped by Ctrl-C,"),
                    "a kill is not called Ctrl-C: " + out);
        } finally {
            cli.destroyForcibly();
        }
    }
}
