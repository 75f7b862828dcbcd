package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
                StringBuffer out = collect(cli.getInputStream());
                await(out::toString, SimKeys.TERMINAL_HELP, cli);
                tty.type(" ");
                await(out::toString, "press   GP14", cli);
                tty.type(" ");
                await(out::toString, "release GP14", cli);
                tty.type("q");
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(30)), "q ends the watch: " + out);
                assertEquals(0, cli.exitValue(), out.toString());
                await(out::toString, "GP14: 1 press, 1 release", cli);
                assertEquals("", tty.shown(), "the keys were not echoed");
                assertEquals("echo=1 icanon=1", tty.modes(), "the terminal's modes are back");
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    /** {@code picoloop blink --sim < /dev/null} on a terminal: the LED is drawn in place, not logged. */
    @Test
    void theLedIsDrawnWhenStdoutIsATerminalAndStdinIsNot() throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("blink", "--pin", "25", "--period", "100",
                    "--count", "2", "--sim")).redirectOutput(new File(tty.path())).redirectErrorStream(false).start();
            try {
                cli.getOutputStream().close();
                StringBuffer err = collect(cli.getErrorStream());
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(30)), "blink ends: " + tty.shown() + err);
                assertEquals(0, cli.exitValue(), tty.shown() + err);
                await(tty::shown, "GP25 blinked 2 times", cli);
                assertTrue(tty.shown().contains("GP25 ●") && tty.shown().contains("GP25 ○"), tty.shown());
                assertFalse(tty.shown().contains("GP25 on"), tty.shown());
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    /** What the stream says, as it comes. */
    private static StringBuffer collect(InputStream in) {
        StringBuffer text = new StringBuffer();
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return text;
    }

    /** Waits until {@code text} shows {@code wanted}: the child is slow to start on a busy machine. */
    private static void await(Supplier<String> text, String wanted, Process cli) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.get().contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(text.get().contains(wanted), "no \"" + wanted + "\" within 30 s (alive: " + cli.isAlive() + "): "
                + text.get());
    }
}
