package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.testing.Uf2Files;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code picoloop install --uf2 FILE} from a Pico in BOOTSEL mode: the copy onto its drive (a
 * directory with the boot ROM's INFO_UF2.TXT), the wait for it to come back as a serial port, and
 * the install going on there; and the end when it does not come back.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InstallUf2Test {

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /** The command as a user runs it, the USB ports listed by {@code bus}. */
    private static Run install(BootselBus bus, String... args) {
        InstallCommand command = new InstallCommand();
        command.usb = bus;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(command, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theUf2IsCopiedTheBoardComesBackAsMicroPythonAndGetsTheBridge() throws IOException {
        EmulatedPico.assumeAvailable();
        Path uf2 = EmulatedPico.rigScript().resolveSibling("firmware-RPI_PICO-v1.28.0.uf2");
        Assumptions.assumeTrue(Files.isRegularFile(uf2), () -> "skipped: no MicroPython UF2 at " + uf2);
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Path drive = Uf2Files.drive(mounts, "RPI-RP2");
        try (BootselBus bus = new BootselBus(drive, Files.size(uf2))) {
            Run run = install(bus, "--drives", mounts.toString(), "--uf2", uf2.toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertNotNull(bus.board(), "the whole UF2 landed on the drive: " + run);
            assertEquals("picoloop: copied " + uf2.getFileName() + " to " + drive + "; waiting for the Pico to restart as"
                    + " MicroPython", run.err().strip(), run.toString());
            assertTrue(run.out().startsWith(bus.board().port() + ": installed bridge " + BridgeBundle.load().version()
                    + ": writes bridge"), run.toString());
        }
    }

    @Test
    void aBoardThatDoesNotComeBackIsOneLineNamingTheFix() throws IOException {
        Path uf2 = Uf2Files.rp2040("not-micropython.uf2", 4);
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Path drive = Uf2Files.drive(mounts, "RPI-RP2");
        // a bus where no port comes: the UF2 is not one the board restarts from
        try (BootselBus bus = new BootselBus(drive, -1)) {
            Run run = install(bus, "--drives", mounts.toString(), "--uf2", uf2.toString(), "--wait-for-board", "1s");
            assertEquals(3, run.exitCode(), run.toString());
            List<String> lines = run.err().lines().toList();
            assertEquals(2, lines.size(), run.toString());
            assertTrue(lines.get(0).startsWith("picoloop: copied not-micropython.uf2 to " + drive), run.toString());
            assertEquals("picoloop: the Pico did not come back as a MicroPython serial port within 1 s after not-micropython.uf2"
                    + " was copied: was it MicroPython's UF2 for this board? Unplug the Pico and plug it in again (without"
                    + " BOOTSEL), then run picoloop install (or give it longer: --wait-for-board 120s)", lines.get(1), run.toString());
            assertTrue(Files.isRegularFile(drive.resolve("not-micropython.uf2")), run.toString());
            assertFalse(run.out().contains("installed"), run.toString());
        }
    }
}
