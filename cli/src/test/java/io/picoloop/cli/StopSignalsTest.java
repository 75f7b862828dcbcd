package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
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
            out.stop(cli, "TERM", 143);
            ChildOutput.await(out::text, "on simulated Pico, stopped by Ctrl-C or a kill signal; left off", cli);
            assertFalse(out.text().contains("stopped by Ctrl-C;") || out.text().contains("stopped by Ctrl-C,"),
                    "a kill is not called Ctrl-C: " + out);
        } finally {
            cli.destroyForcibly();
        }
    }

    /**
     * Ctrl-C while the LED is lit, on a terminal: the last frame drawn shows the LED off, as the
     * summary says it is left, and both count the flash Ctrl-C cut short.
     */
    @Test
    void ctrlCDuringAFlashEndsWithAFrameThatAgreesWithTheSummary() throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            // on for 59 s: Ctrl-C comes during the first flash
            ProcessBuilder pb = new ProcessBuilder(BlinkOverPtyTest.javaCommand("blink", "--pin", "25", "--period", "60000",
                    "--on", "59000", "--sim")).redirectOutput(new File(tty.path()));
            pb.environment().put("NO_COLOR", "1");     // the frames as plain text
            Process cli = pb.start();
            try {
                cli.getOutputStream().close();
                ChildOutput err = ChildOutput.of(cli.getErrorStream());
                ChildOutput.await(tty::shown, "GP25 ●", cli);
                err.stop(cli, "INT", 130);
                String summary = "GP25 blinked 1 time (period 60000 ms, on 59000 ms) on simulated Pico,"
                        + " stopped by Ctrl-C or a kill signal; left off";
                ChildOutput.await(tty::shown, summary, cli);
                String shown = tty.shown();
                String frames = shown.substring(0, shown.indexOf(summary)).stripTrailing();
                String lastFrame = frames.substring(frames.lastIndexOf('\r') + 1).strip();
                assertEquals("GP25 ○  flash 1", lastFrame, "the last frame before the summary: " + shown);
            } finally {
                cli.destroyForcibly();
            }
        }
    }
}
