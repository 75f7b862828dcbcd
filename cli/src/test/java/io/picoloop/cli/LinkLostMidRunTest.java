package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.FirmwareOnPty.PinChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The board goes away mid-run (the firmware process killed, as pulling the USB cable closes
 * /dev/ttyACM0) while a command has nothing of its own to send: it sleeps, listens, or waits for
 * a press. With {@code --wait-for-board 0s} (no waiting for it to come back), a picoloop process must end by itself at once, exit 1, with one line on stderr naming
 * the lost connection, not stay up until a signal claims it stopped it.
 */
class LinkLostMidRunTest {

    /** Far more than the loss takes to notice (a read of the closed pty) on a busy machine. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(15);

    /** The reviewer's case: no --count, no --duration; the command only listens. */
    @Test
    void watchWithoutALimitEndsWhenTheBoardIsGone() throws Exception {
        Ended run = killFirmwareMidRun(List.of("watch", "--pin", "14"), (fw, out) -> out.contains("watching GP14"));
        run.assertFailedOnTheLostLink();
        assertTrue(run.lastOutLine().startsWith("GP14: 0 presses") && run.lastOutLine().endsWith("; "
                + FailureReporter.STOPPED), "the summary says why it stopped, and not that a signal did: " + run);
    }

    @Test
    void watchWithADurationEndsWhenTheBoardIsGone() throws Exception {
        Ended run = killFirmwareMidRun(List.of("watch", "--pin", "14", "--duration", "1h"),
                (fw, out) -> out.contains("watching GP14"));
        run.assertFailedOnTheLostLink();
        assertTrue(run.lastOutLine().endsWith("; " + FailureReporter.STOPPED), run.toString());
    }

    /** On for 59 s of each minute: the command sleeps until the LED is due off, with nothing to send. */
    @Test
    void blinkWithALongPeriodEndsWhenTheBoardIsGone() throws Exception {
        Ended run = killFirmwareMidRun(List.of("blink", "--pin", "25", "--period", "60000", "--on", "59000"),
                (fw, out) -> lastLevel(fw) == 1);
        run.assertFailedOnTheLostLink();
        assertFalse(run.out.contains("left off"), "the LED's level is not known, so not claimed: " + run);
    }

    /** Seed 2: the first quiet wait before the LED is 3.9 s, spent waiting for a too-early press. */
    @Test
    void reactionDemoWaitingForTheLedEndsWhenTheBoardIsGone() throws Exception {
        Ended run = killFirmwareMidRun(List.of("demo", "reaction", "--rounds", "1", "--seed", "2"),
                (fw, out) -> out.contains("round 1 of 1: wait for the LED"));
        run.assertFailedOnTheLostLink();
    }

    /** The LED is lit: the demo waits up to 10 s for the press. */
    @Test
    void reactionDemoWaitingForThePressEndsWhenTheBoardIsGone() throws Exception {
        Ended run = killFirmwareMidRun(List.of("demo", "reaction", "--rounds", "1", "--seed", "20"),
                (fw, out) -> lastLevel(fw) == 1);
        run.assertFailedOnTheLostLink();
    }

    /**
     * The board keeps the port open but answers nothing (the firmware frozen with SIGSTOP, as a hung
     * bridge would): watch ends after three unanswered pings, naming that.
     */
    @Test
    void watchEndsWhenTheBoardStopsAnswering() throws Exception {
        Ended run = stopFirmwareMidRun(List.of("watch", "--pin", "14"), (fw, out) -> out.contains("watching GP14"),
                FirmwareOnPty::pause);
        assertEquals(ExitCode.BOARD.code(), run.exitCode, run.toString());
        List<String> lines = run.err.lines().filter(l -> !l.isBlank() && !l.contains(" held the loop for ")
                && !l.startsWith("picoloop: using ")).toList();
        assertEquals(1, lines.size(), run.toString());
        assertTrue(lines.getFirst().startsWith("picoloop: lost the connection to " + run.port
                + ": the board stopped answering: ") && lines.getFirst().contains(" pings in a row got no reply within"
                + " 1000 ms, and nothing came from it for "), run.toString());
        assertTrue(run.lastOutLine().endsWith("; " + FailureReporter.STOPPED), run.toString());
    }

    private interface Stop {
        void apply(FirmwareOnPty fw) throws IOException, InterruptedException;
    }

    private interface Ready {
        boolean test(FirmwareOnPty fw, String out) throws IOException;
    }

    /** How the picoloop process ended after the firmware was killed. */
    private record Ended(String port, int exitCode, double secondsAfterKill, String out, String err) {

        void assertFailedOnTheLostLink() {
            assertEquals(ExitCode.BOARD.code(), exitCode, "a board or link failure\n" + this);
            // the scheduler's timing notes ("held the loop for 124 ms") are what a loaded machine adds
            List<String> lines = err.lines().filter(l -> !l.isBlank() && !l.contains(" held the loop for ")
                    && !l.contains(" overran its period") && !l.startsWith("picoloop: using ")).toList();
            assertEquals(1, lines.size(), "one line on stderr, the loss said once\n" + this);
            assertTrue(lines.getFirst().startsWith("picoloop: lost the connection to " + port)
                    && lines.getFirst().contains("(device unplugged or reset?)"), "names the lost connection\n" + this);
            assertFalse(out.contains(CtrlC.STOPPED), "no signal stopped it\n" + this);
        }

        String lastOutLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", " + secondsAfterKill + " s after the kill\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /**
     * Runs picoloop in a child JVM against the pty firmware, kills the firmware once {@code ready}
     * holds (given what the child printed so far), and waits for the child to end by itself.
     */
    private static Ended killFirmwareMidRun(List<String> command, Ready ready) throws Exception {
        return stopFirmwareMidRun(command, ready, FirmwareOnPty::kill);
    }

    private static Ended stopFirmwareMidRun(List<String> command, Ready ready, Stop stop) throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Path out = fw.directory().resolve("cli.out");
            Path err = fw.directory().resolve("cli.err");
            List<String> args = new ArrayList<>(command);
            // not waiting for the board to come back (ReplugMidRunTest waits)
            args.addAll(List.of("--port", fw.port(), "--wait-for-board", "0s"));
            List<String> java = new ArrayList<>(BlinkOverPtyTest.javaCommand(args.toArray(String[]::new)));
            java.add(1, "--add-opens=java.base/java.lang=ALL-UNNAMED");     // as the launcher runs it: no note on stderr
            Process cli = new ProcessBuilder(java).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                cli.getOutputStream().close();
                // a child JVM is slow to start on a busy machine; the files are all there is to wait on
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!ready.test(fw, read(out))) {
                    String state = "alive " + cli.isAlive() + "\n--- out:\n" + read(out) + "--- err:\n" + read(err)
                            + "--- firmware:\n" + fw.readLog();
                    assertTrue(cli.isAlive(), "picoloop ended before the firmware was killed: " + state);
                    assertTrue(System.nanoTime() < deadline, "not under way within 60 s: " + state);
                    Thread.sleep(20);
                }
                stop.apply(fw);
                long killed = System.nanoTime();
                boolean ended = ChildProcesses.endsWithin(cli, ENDS_WITHIN);
                double seconds = (System.nanoTime() - killed) / 1e9;
                assertTrue(ended, "picoloop still ran " + ENDS_WITHIN.toSeconds() + " s after the board was gone"
                        + "\n--- out:\n" + read(out) + "--- err:\n" + read(err));
                return new Ended(fw.port(), cli.exitValue(), seconds, read(out), read(err));
            } finally {
                cli.destroyForcibly();      // a failed run must not leave a picoloop process behind
            }
        }
    }

    private static int lastLevel(FirmwareOnPty fw) throws IOException {
        List<PinChange> changes = fw.pinChanges("25");
        return changes.isEmpty() ? -1 : changes.getLast().level();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
