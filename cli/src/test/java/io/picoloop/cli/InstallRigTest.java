package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.testing.SilentPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code picoloop install} as a user runs it: on a blank emulated Pico (../shared/rp2040), a
 * dry run on a current one, a port that is no board, and a Pico in BOOTSEL mode (a stand-in
 * drive directory given with --drives).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InstallRigTest {

    private static final String VERSION = BridgeBundle.load().version();

    @Test
    void installsOnABlankBoardAndADryRunThenHasNothingToDo() throws IOException {
        try (EmulatedPico board = EmulatedPico.blank()) {
            CliRun run = CliRun.of("install", "--port", board.port());
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith(board.port() + ": installed bridge " + VERSION + ": writes bridge"), run.toString());
            assertTrue(run.out().contains(", main.py ("), run.toString());
            CliRun dry = CliRun.of("install", "--port", board.port(), "--dry-run");
            assertEquals(0, dry.exitCode(), dry.toString());
            assertTrue(dry.out().contains("nothing to write: the bridge on the board is this picoloop's"), dry.toString());
            assertFalse(dry.out().contains("would nothing"), dry.toString());
        }
    }

    @Test
    void aPortThatIsNoBoardIsOneLineAndExit1() throws IOException {
        try (SilentPort port = new SilentPort()) {
            CliRun run = CliRun.of("install", "--port", port.path());
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().startsWith("picoloop: no answer from " + port.path() + " to Ctrl-C and Ctrl-A"), run.toString());
        }
    }

    private static Path bootselDrive(String boardId) throws IOException {
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Path drive = Files.createDirectories(mounts.resolve(boardId));
        Files.writeString(drive.resolve("INFO_UF2.TXT"), "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: " + boardId + "\n");
        return mounts;
    }

    @Test
    void aBoardInBootselModeIsToldToGetMicroPythonAndAWrongUf2IsRefused() throws IOException {
        Path mounts = bootselDrive("RPI-RP2");
        CliRun run = CliRun.of("install", "--drives", mounts.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("a Pico in BOOTSEL mode is at " + mounts.resolve("RPI-RP2") + " (RPI-RP2): copy a"
                + " MicroPython UF2 for it"), run.toString());
        assertTrue(run.err().contains("--uf2 FILE"), run.toString());

        Path notUf2 = Files.writeString(Files.createTempFile("picoloop", ".uf2"), "hello");
        CliRun bad = CliRun.of("install", "--drives", mounts.toString(), "--uf2", notUf2.toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("is not a UF2 file"), bad.toString());

        Path pico2 = bootselDrive("RP2350");
        Path rp2040Uf2 = EmulatedPico.rigScript().resolveSibling("firmware-RPI_PICO-v1.28.0.uf2");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(rp2040Uf2), "skipped: no RP2040 UF2 at " + rp2040Uf2);
        CliRun wrong = CliRun.of("install", "--drives", pico2.toString(), "--uf2", rp2040Uf2.toString());
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("is a UF2 for the RP2040 (Pico, Pico W), but the board at"), wrong.toString());
        assertFalse(Files.exists(pico2.resolve("RP2350").resolve(rp2040Uf2.getFileName())), "nothing copied");
    }

    @Test
    void aProgramThatTurnedCtrlCOffGetsTheWayOut() throws IOException {
        Path dir = Files.createTempDirectory("picoloop-no-ctrl-c");
        Path main = Files.writeString(dir.resolve("main.py"),
                "import micropython, time\nmicropython.kbd_intr(-1)\nwhile True:\n    print('sensor', time.ticks_ms())\n    time.sleep_ms(2)\n");
        try (EmulatedPico board = EmulatedPico.start(List.of(main))) {
            CliRun run = CliRun.of("install", "--port", board.port());
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().startsWith("picoloop: the program running on " + board.port()
                    + " keeps printing and ignores Ctrl-C"), run.toString());
            assertTrue(run.err().contains("flash_nuke.uf2"), run.toString());
        }
    }

    @Test
    void withAllEachBoardGetsItsLineAndTheTableSaysWhichFailed() throws IOException {
        try (EmulatedPico board = EmulatedPico.blank(); SilentPort silent = new SilentPort()) {
            InstallCommand command = new InstallCommand();
            command.all = true;
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            // the ports --all would find on USB (a pty has no USB ids, so they are given here)
            int code = command.install(List.of(board.port(), silent.path()), BridgeBundle.load(),
                    new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
            String text = out + "--- err:\n" + err;
            assertEquals(1, code, text);
            assertFalse(out.toString().contains("\r"), "a pipe gets no progress frames: " + text);
            List<String> lines = out.toString().lines().toList();
            assertTrue(lines.getFirst().startsWith(board.port() + ": installed bridge " + VERSION), text);
            assertEquals("port                     result   bridge", lines.get(1).stripTrailing(), text);
            assertTrue(lines.get(2).matches(java.util.regex.Pattern.quote(board.port()) + " +ok +" + java.util.regex.Pattern.quote(VERSION)), text);
            assertTrue(lines.get(3).matches(java.util.regex.Pattern.quote(silent.path()) + " +FAILED +no answer from .*"), text);
            assertEquals("1 of 2 boards have bridge " + VERSION, lines.get(4), text);
            assertTrue(err.toString().startsWith("picoloop: " + silent.path() + ": no answer from"), text);
        }
    }

    /** A board's own time on its result line: {@code PORT: installed bridge ... (MicroPython 1.28.0, 12.3 s)}. */
    private static final java.util.regex.Pattern SECONDS = java.util.regex.Pattern.compile(", ([0-9.]+) s\\)$");

    /** Installs blank boards with --all, {@code atOnce} at a time: the wall time and each board's own time. */
    private static double[] installBlank(int boards, int atOnce) throws IOException {
        List<EmulatedPico> started = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < boards; i++) {
                started.add(EmulatedPico.blank());
            }
            List<String> ports = started.stream().map(EmulatedPico::port).toList();
            InstallCommand command = new InstallCommand();
            command.all = true;
            command.atOnce = atOnce;
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            long t0 = System.nanoTime();
            int code = command.install(ports, BridgeBundle.load(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
            double wall = (System.nanoTime() - t0) / 1e9;
            String text = out + "--- err:\n" + err;
            assertEquals(0, code, text);
            List<String> lines = out.toString().lines().toList();
            double[] times = new double[boards + 1];
            times[0] = wall;
            for (int i = 0; i < boards; i++) {
                String line = lines.get(i);
                java.util.regex.Matcher m = SECONDS.matcher(line);
                assertTrue(m.find() && line.contains(": installed bridge " + VERSION), text);
                times[ports.indexOf(line.substring(0, line.indexOf(": "))) + 1] = Double.parseDouble(m.group(1));
                // the table is in the ports' order, whichever board ended first
                assertTrue(lines.get(boards + 1 + i).startsWith(ports.get(i) + " "), text);
            }
            assertEquals(boards + " of " + boards + " boards have bridge " + VERSION, lines.getLast(), text);
            return times;
        } finally {
            for (EmulatedPico b : started) {
                b.close();
            }
        }
    }

    /**
     * Three blank boards with --all install at the same time: the wall time is less than the sum of
     * the boards' own times, which one after the other it could never be. With
     * -Dpicoloop.install.compare=true the same three installed one after the other first, for
     * docs/performance.md.
     */
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withAllTheBoardsInstallAtTheSameTime() throws IOException {
        EmulatedPico.assumeAvailable();
        if (Boolean.getBoolean("picoloop.install.compare")) {
            double[] one = installBlank(3, 1);
            System.out.printf("install --all, 3 blank boards one after the other: wall %.1f s, each %.1f, %.1f, %.1f s%n",
                    one[0], one[1], one[2], one[3]);
        }
        double[] t = installBlank(3, InstallAll.AT_ONCE);
        double sum = t[1] + t[2] + t[3];
        System.out.printf("install --all, 3 blank boards at once: wall %.1f s, each %.1f, %.1f, %.1f s (sum %.1f s)%n",
                t[0], t[1], t[2], t[3], sum);
        assertTrue(t[0] < sum, "the installs overlapped: wall " + t[0] + " s, sum of the boards' own " + sum + " s");
    }
}
