package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The board is pulled and plugged in again while a command runs (the pty firmware killed and
 * started again behind the same link): the command says it waits, says when the board is back,
 * and carries on; past {@code --wait-for-board} it ends as a lost link does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplugMidRunTest {

    private interface Check {
        boolean test(String output) throws Exception;
    }

    /** A picoloop child against the pty firmware, its output in files. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Path out;
        final Path err;

        Child(FirmwareOnPty fw, String... command) throws Exception {
            out = fw.directory().resolve("cli.out");
            err = fw.directory().resolve("cli.err");
            List<String> java = new ArrayList<>(BlinkOverPtyTest.javaCommand(command));
            java.add(1, "--add-opens=java.base/java.lang=ALL-UNNAMED");
            process = new ProcessBuilder(java).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
        }

        String out() throws Exception {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        }

        String err() throws Exception {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        }

        void await(Check onStderr, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!onStderr.test(err() + out())) {
                assertTrue(System.nanoTime() < deadline, "not " + what + " within 60 s\n" + this);
                assertTrue(process.isAlive(), "picoloop ended before " + what + "\n" + this);
                Thread.sleep(20);
            }
        }

        int exit(Duration within) throws Exception {
            assertTrue(ChildProcesses.endsWithin(process, within), "still running\n" + this);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        @Override
        public String toString() {
            try {
                return "--- out:\n" + out() + "--- err:\n" + err();
            } catch (Exception e) {
                return e.toString();
            }
        }
    }

    @Test
    void blinkWaitsForTheBoardAndCarriesOn() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico");
        try (Child cli = new Child(fw, "blink", "--pin", "25", "--period", "200", "--duration", "8s", "--port", fw.port())) {
            cli.await(s -> fw.pinChanges("25").size() >= 4, "blinking");
            fw.kill();
            cli.await(s -> s.contains("waiting up to 60 s"), "waiting for the board");
            int before = fw.pinChanges("25").size();
            FirmwareOnPty back = fw.replug("ttyPICO");
            try {
                cli.await(s -> s.contains("is back on " + back.port()), "back");
                assertEquals(0, cli.exit(Duration.ofSeconds(30)), cli.toString());
                assertTrue(back.pinChanges("25").size() - before >= 6, "blinked on after the replug: "
                        + back.pinChanges("25") + "\n" + cli);
                assertEquals(0, back.pinChanges("25").getLast().level(), "left off");
                assertTrue(cli.out().contains("GP25 blinked"), cli.toString());
                List<String> errLines = cli.err().lines().filter(l -> l.startsWith("picoloop: the board")).toList();
                assertEquals(2, errLines.size(), "one line when it went, one when it came back\n" + cli);
            } finally {
                back.close();
            }
        } finally {
            fw.close();
        }
    }

    @Test
    void watchPrintsPressesBeforeAndAfterTheReplug() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico");
        try (Child cli = new Child(fw, "watch", "--pin", "14", "--count", "2", "--port", fw.port())) {
            cli.await(s -> s.contains("watching GP14"), "watching");
            fw.drive(14, 0, 0);
            cli.await(s -> s.contains("press   GP14"), "the first press");
            fw.drive(14, 0, 1);
            fw.kill();
            cli.await(s -> s.contains("waiting up to 60 s"), "waiting for the board");
            FirmwareOnPty back = fw.replug("ttyPICO");
            try {
                cli.await(s -> s.contains("is back on"), "back");
                back.drive(14, 0, 0);
                back.drive(14, 0, 1);
                assertEquals(0, cli.exit(Duration.ofSeconds(30)), cli.toString());
                assertEquals(2, cli.out().lines().filter(l -> l.startsWith("press   GP14")).count(), cli.toString());
            } finally {
                back.close();
            }
        } finally {
            fw.close();
        }
    }

    /** demo reaction: a round played, the board replugged, and the next round played on the board that came back. */
    @Test
    void demoReactionCarriesOnAfterAReplug() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico");
        try (Child cli = new Child(fw, "demo", "reaction", "--pin-led", "25", "--pin-button", "14", "--rounds", "2",
                "--port", fw.port())) {
            cli.await(s -> lit(fw) == 1, "the LED lit for round 1");
            fw.drive(14, 50_000, 0, 1);     // a press, let go 50 ms later
            cli.await(s -> s.contains("reaction ") && s.contains("round 2 of 2"), "round 1 timed");
            fw.kill();
            cli.await(s -> s.contains("waiting up to 60 s"), "waiting for the board");
            FirmwareOnPty back = fw.replug("ttyPICO");
            try {
                cli.await(s -> s.contains("is back on"), "back");
                // (the record of pin changes goes on across the replug: round 1's flash is in it)
                cli.await(s -> lit(back) == 2, "the LED lit for round 2 on the board that came back");
                back.drive(14, 50_000, 0, 1);
                assertEquals(0, cli.exit(Duration.ofSeconds(30)), cli.toString());
                assertEquals(2, cli.out().lines().filter(l -> l.matches("reaction \\d+ ms .*")).count(), cli.toString());
                assertFalse(cli.out().contains("too soon"), cli.toString());
                assertEquals(0, back.pinChanges("25").getLast().level(), "left off");
            } finally {
                back.close();
            }
        } finally {
            fw.close();
        }
    }

    /** How many times the LED has lit. */
    private static long lit(FirmwareOnPty fw) throws Exception {
        return fw.pinChanges("25").stream().filter(c -> c.level() == 1).count();
    }

    /** Ctrl-C while the board is away: the blink's cleanup (LED off) does not wait for the board, and it still says what it did. */
    @Test
    void ctrlCWhileTheBoardIsAwayEndsAtOnce() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Child cli = new Child(fw, "blink", "--pin", "25", "--period", "200", "--port", fw.port())) {
            cli.await(s -> fw.pinChanges("25").size() >= 4, "blinking");
            fw.kill();
            cli.await(s -> s.contains("waiting up to 60 s"), "waiting for the board");
            new ProcessBuilder("kill", "-INT", Long.toString(cli.process.pid())).start().waitFor();
            assertEquals(130, cli.exit(Duration.ofSeconds(15)), "Ctrl-C's exit code, not a wait of 60 s\n" + cli);
            // the usual summary, though the board could not be told to switch off
            assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("GP25 blinked") && l.contains(CtrlC.STOPPED)
                            && l.endsWith("the board was away, so it could not be switched off")),
                    cli.toString());
        }
    }

    @Test
    void pastTheWaitTheCommandEndsAsALostLinkDoes() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Child cli = new Child(fw, "watch", "--pin", "14", "--wait-for-board", "2s", "--port", fw.port())) {
            cli.await(s -> s.contains("watching GP14"), "watching");
            fw.kill();
            assertEquals(ExitCode.BOARD.code(), cli.exit(Duration.ofSeconds(30)), cli.toString());
            // (the scheduler's timing notes, "held the loop for 121 ms", are what a loaded machine adds;
            // the "using" line names the board at the start)
            List<String> lines = cli.err().lines().filter(l -> l.startsWith("picoloop: ")
                    && !l.startsWith("picoloop: using ") && !l.contains(" held the loop for ") && !l.contains(" overran its period")).toList();
            assertEquals(2, lines.size(), cli.toString());
            assertTrue(lines.get(0).contains("is gone") && lines.get(0).contains("waiting up to 2 s"), cli.toString());
            assertTrue(lines.get(1).startsWith("picoloop: lost the connection to " + fw.port())
                    && lines.get(1).contains("did not come back within 2 s"), cli.toString());
        }
    }
}
