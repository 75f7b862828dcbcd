package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.testing.RepoRoot;
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
        Path rp2040Uf2 = RepoRoot.get().resolveSibling("shared/rp2040/firmware-RPI_PICO-v1.28.0.uf2");
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
}
