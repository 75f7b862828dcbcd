package io.picoloop.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.Uf2Files;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Copying a UF2 onto a BOOTSEL drive (a directory with INFO_UF2.TXT, as the boot ROM's drive has). */
class BootselDriveTest {

    /** Three and a bit chunks: the drive is checked before each. */
    private static final int BLOCKS = (3 * BootselDrive.CHUNK + 512) / 512;

    @Test
    void theWholeUf2LandsChunkByChunk() throws IOException {
        Path uf2 = Uf2Files.rp2040("micropython.uf2", BLOCKS);
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Uf2Files.drive(mounts, "RPI-RP2");
        BootselDrive drive = BootselDrive.find(mounts.toString()).getFirst();
        List<Long> copied = new ArrayList<>();
        drive.copy(uf2, copied::add);
        assertArrayEquals(Files.readAllBytes(uf2), Files.readAllBytes(drive.mount().resolve("micropython.uf2")));
        assertEquals(List.of(1L * BootselDrive.CHUNK, 2L * BootselDrive.CHUNK, 3L * BootselDrive.CHUNK, Files.size(uf2)), copied);
    }

    @Test
    void aDriveThatGoesAwayMidCopyIsOneLineNamingTheFix() throws IOException {
        Path uf2 = Uf2Files.rp2040("micropython.uf2", BLOCKS);
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Path dir = Uf2Files.drive(mounts, "RPI-RP2");
        BootselDrive drive = BootselDrive.find(mounts.toString()).getFirst();
        // the Pico is unplugged after the first chunk: its drive is unmounted (the mount point stays, empty)
        InstallException e = assertThrows(InstallException.class, () -> drive.copy(uf2, n -> {
            try {
                Files.deleteIfExists(dir.resolve("INFO_UF2.TXT"));
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        }));
        assertEquals("the BOOTSEL drive at " + dir + " went away after 64 of " + String.format("%.0f", Files.size(uf2) / 1024.0) + " KB of micropython.uf2"
                + " (the Pico unplugged or reset): plug it in again holding BOOTSEL, then run picoloop install --uf2 " + uf2
                + " again", e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    @Test
    void theDriveGoingOnceEveryByteIsOutIsTheBoardRestarting() throws IOException {
        Path uf2 = Uf2Files.rp2040("micropython.uf2", BLOCKS);
        Path mounts = Files.createTempDirectory("picoloop-drives");
        Path dir = Uf2Files.drive(mounts, "RPI-RP2");
        BootselDrive drive = BootselDrive.find(mounts.toString()).getFirst();
        long total = Files.size(uf2);
        drive.copy(uf2, n -> {
            if (n == total) {
                try {
                    Files.deleteIfExists(dir.resolve("INFO_UF2.TXT"));
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            }
        });
        assertEquals(total, Files.size(dir.resolve("micropython.uf2")));
    }
}
