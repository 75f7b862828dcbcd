package io.picoloop.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A Pico in BOOTSEL mode: its boot ROM shows a USB drive (RPI-RP2, or RP2350 on a Pico 2) whose
 * INFO_UF2.TXT names the chip, and takes a UF2 file copied onto it as the new firmware.
 *
 * @param mount   the mounted drive
 * @param boardId INFO_UF2.TXT's Board-ID (RPI-RP2, RP2350)
 */
public record BootselDrive(Path mount, String boardId) {

    /** Where drives are looked for instead of the system's mounts: directories, ':'-separated (tests, odd setups). */
    public static final String DRIVES_ENV = "PICOLOOP_DRIVES";
    private static final int UF2_MAGIC_START0 = 0x0A324655;
    private static final int UF2_MAGIC_START1 = 0x9E5D5157;
    private static final int UF2_FLAG_FAMILY = 0x00002000;
    private static final int RP2040_FAMILY = 0xE48BFF56;
    /** Bytes written onto the drive at a time, between checks that it is still there. */
    static final int CHUNK = 64 * 1024;

    /**
     * The BOOTSEL drives mounted now, among {@code $PICOLOOP_DRIVES} when set, else the mount points
     * of /proc/self/mounts (Linux) and the volumes under /media/$USER, /run/media/$USER and /Volumes.
     * A place counts when it, or a directory right inside it, holds INFO_UF2.TXT.
     */
    public static List<BootselDrive> find(String drivesEnv) {
        Set<Path> places = new LinkedHashSet<>();
        if (drivesEnv != null && !drivesEnv.isBlank()) {
            for (String p : drivesEnv.split(":")) {
                if (!p.isBlank()) {
                    places.add(Path.of(p));
                }
            }
        } else {
            places.addAll(mountPoints(Path.of("/proc/self/mounts")));
            String user = System.getProperty("user.name", "");
            places.add(Path.of("/media", user));
            places.add(Path.of("/run/media", user));
            places.add(Path.of("/Volumes"));
        }
        List<BootselDrive> drives = new ArrayList<>();
        for (Path place : places) {
            if (Files.isRegularFile(place.resolve("INFO_UF2.TXT"))) {
                drives.add(of(place));
                continue;
            }
            if (!Files.isDirectory(place)) {
                continue;
            }
            try (Stream<Path> inside = Files.list(place)) {
                inside.filter(d -> Files.isRegularFile(d.resolve("INFO_UF2.TXT"))).sorted().forEach(d -> drives.add(of(d)));
            } catch (IOException e) {
                // not ours to read: no drive there
            }
        }
        return drives.stream().distinct().toList();
    }

    static List<Path> mountPoints(Path mounts) {
        List<Path> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(mounts)) {
                String[] f = line.split(" ");
                if (f.length > 2 && (f[2].equals("vfat") || f[2].equals("msdos") || f[2].equals("fuseblk"))) {
                    out.add(Path.of(f[1].replace("\\040", " ")));
                }
            }
        } catch (IOException e) {
            // not Linux: the fixed places only
        }
        return out;
    }

    private static BootselDrive of(Path mount) {
        String id = "?";
        try {
            for (String line : Files.readAllLines(mount.resolve("INFO_UF2.TXT"))) {
                if (line.startsWith("Board-ID:")) {
                    id = line.substring("Board-ID:".length()).strip();
                }
            }
        } catch (IOException e) {
            // an unreadable INFO_UF2.TXT: still a BOOTSEL drive
        }
        return new BootselDrive(mount, id);
    }

    /** RP2350 boot ROMs say so; the RP2040's says RPI-RP2. */
    public boolean isRp2350() {
        return boardId.toUpperCase().contains("RP2350");
    }

    /** What to tell a user who has this drive and no UF2 yet. */
    public String advice() {
        return "a Pico in BOOTSEL mode is at " + mount + " (" + boardId + "): copy a MicroPython UF2 for it onto that drive ("
                + (isRp2350() ? "https://micropython.org/download/RPI_PICO2/" : "https://micropython.org/download/RPI_PICO/")
                + ", the W version for a Pico W), or give it to picoloop: picoloop install --uf2 FILE";
    }

    /**
     * Copies {@code uf2} onto the drive after checking it is a UF2 for this chip, {@link #CHUNK} bytes
     * at a time; before each the drive must still be there (its INFO_UF2.TXT), since a write to a
     * drive pulled out can land in the page cache without an error. Once every byte is out the board
     * restarts and its drive goes with it: what fails then is no failure.
     *
     * @param copied hears the bytes copied so far, for a progress line
     * @throws InstallException when it is not a UF2, one for the other chip, or the drive went away
     */
    public void copy(Path uf2, LongConsumer copied) throws IOException {
        int family = uf2Family(uf2);
        if ((family == RP2040_FAMILY) == isRp2350()) {
            throw new InstallException(uf2 + " is a UF2 for " + (family == RP2040_FAMILY ? "the RP2040 (Pico, Pico W)" : "another chip")
                    + ", but the board at " + mount + " is " + (isRp2350() ? "an RP2350 (Pico 2)" : "an RP2040 (Pico, Pico W)")
                    + ": download the MicroPython UF2 for this board");
        }
        long total = Files.size(uf2);
        long done = 0;
        try (InputStream in = Files.newInputStream(uf2); OutputStream out = Files.newOutputStream(mount.resolve(uf2.getFileName()))) {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.readNBytes(buf, 0, CHUNK)) > 0; ) {
                if (!present()) {
                    throw wentAway(uf2, done, total, null);
                }
                out.write(buf, 0, n);
                done += n;
                copied.accept(done);
            }
        } catch (IOException e) {
            if (done < total) {
                throw present() ? new InstallException("could not copy " + uf2.getFileName() + " onto the drive at " + mount
                        + " (" + e.getMessage() + "): is the drive full or read-only? Unplug the Pico, plug it in again holding"
                        + " BOOTSEL, then run picoloop install --uf2 " + uf2 + " again", e) : wentAway(uf2, done, total, e);
            }
            // every byte was out: the board took the last block and restarted, taking its drive along
        }
    }

    /** Whether the drive is still mounted: its INFO_UF2.TXT is there. */
    private boolean present() {
        return Files.isRegularFile(mount.resolve("INFO_UF2.TXT"));
    }

    private InstallException wentAway(Path uf2, long done, long total, IOException cause) {
        return new InstallException(String.format("the BOOTSEL drive at %s went away after %.0f of %.0f KB of %s (the Pico"
                + " unplugged or reset): plug it in again holding BOOTSEL, then run picoloop install --uf2 %s again",
                mount, done / 1024.0, total / 1024.0, uf2.getFileName(), uf2), cause);
    }

    /** The family id of a UF2 file's first block. */
    static int uf2Family(Path uf2) throws IOException {
        byte[] block = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(uf2)) {
            n = in.readNBytes(block, 0, 512);
        }
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (n < 512 || b.getInt(0) != UF2_MAGIC_START0 || b.getInt(4) != UF2_MAGIC_START1) {
            throw new InstallException(uf2 + " is not a UF2 file: download MicroPython's .uf2 for the board"
                    + " (https://micropython.org/download/)");
        }
        return (b.getInt(8) & UF2_FLAG_FAMILY) != 0 ? b.getInt(28) : 0;
    }
}
