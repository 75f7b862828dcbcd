package io.picoloop.cli;

import static io.picoloop.cli.ChildOutput.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A picoloop process at a terminal (a pseudo-terminal): the simulated button's keys follow
 * whether stdin is a terminal, the LED's drawing whether stdout is, each on its own.
 */
class TerminalModesTest {

    /** {@code picoloop watch --pin 14 --sim | tee log}: stdout is a pipe, yet the keys act and are not echoed. */
    @Test
    void keysActWhenStdinIsATerminalAndStdoutIsAPipe() throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            assertEquals("echo=1 icanon=1", tty.modes(), "a terminal in its normal mode");
            Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("watch", "--pin", "14", "--sim",
                    "--duration", "60s")).redirectInput(new File(tty.path())).redirectErrorStream(true).start();
            try {
                ChildOutput out = ChildOutput.of(cli.getInputStream());
                await(out::text, "keys: space = press/release GP14 (the first watched input)", cli);
                tty.type(" ");
                await(out::text, "\npress   GP14", cli);
                tty.type(" ");
                await(out::text, "\nrelease GP14", cli);      // the event, not the keys' help line
                tty.type("q");
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(30)), "q ends the watch: " + out);
                assertEquals(0, cli.exitValue(), out.toString());
                await(out::text, "GP14: 1 press, 1 release", cli);
                assertEquals("", tty.shown(), "the keys were not echoed");
                assertEquals("echo=1 icanon=1", tty.modes(), "the terminal's modes are back");
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    /**
     * {@code picoloop blink --sim < /dev/null} on a terminal: the LED is drawn in place, not logged;
     * lit in green (the onboard LED's colour) where the terminal has colour, plain with NO_COLOR.
     */
    @Test
    void theLedIsDrawnWhenStdoutIsATerminalAndStdinIsNot() throws Exception {
        String shown = blinkTwiceOnATerminal(Map.of("TERM", "xterm-256color"));
        assertTrue(shown.contains("GP25 \033[32m●\033[0m") && shown.contains("GP25 ○"), shown);
        assertFalse(shown.contains("GP25 on"), shown);
        String plain = blinkTwiceOnATerminal(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"));
        assertTrue(plain.contains("GP25 ●") && plain.contains("GP25 ○") && !plain.contains("\033["), plain);
        String dumb = blinkTwiceOnATerminal(Map.of("TERM", "dumb"));
        assertTrue(dumb.contains("GP25 ●") && !dumb.contains("\033["), dumb);
    }

    private static String blinkTwiceOnATerminal(Map<String, String> env) throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            ProcessBuilder pb = new ProcessBuilder(BlinkOverPtyTest.javaCommand("blink", "--pin", "25", "--period", "100",
                    "--count", "2", "--sim")).redirectOutput(new File(tty.path())).redirectErrorStream(false);
            pb.environment().remove("NO_COLOR");
            pb.environment().putAll(env);
            Process cli = pb.start();
            try {
                cli.getOutputStream().close();
                ChildOutput err = ChildOutput.of(cli.getErrorStream());
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(30)), "blink ends: " + tty.shown() + err);
                assertEquals(0, cli.exitValue(), tty.shown() + err);
                await(tty::shown, "GP25 blinked 2 times", cli);
                return tty.shown();
            } finally {
                cli.destroyForcibly();
            }
        }
    }
}
