package io.picoloop.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** UF2 files made up for tests: the block format of Microsoft's uf2 spec, for the RP2040's family id. */
public final class Uf2Files {

    private static final int RP2040_FAMILY = 0xE48BFF56;

    private Uf2Files() {
    }

    /** A UF2 of {@code blocks} 512-byte blocks for the RP2040 (its payload zeros), as {@code name} in a new directory. */
    public static Path rp2040(String name, int blocks) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512 * blocks).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < blocks; i++) {
            int at = 512 * i;
            b.putInt(at, 0x0A324655).putInt(at + 4, 0x9E5D5157).putInt(at + 8, 0x00002000)
                    .putInt(at + 12, 0x10000000 + 256 * i).putInt(at + 16, 256).putInt(at + 20, i).putInt(at + 24, blocks)
                    .putInt(at + 28, RP2040_FAMILY).putInt(at + 508, 0x0AB16F30);
        }
        return Files.write(Files.createTempDirectory("picoloop-uf2").resolve(name), b.array());
    }

    /** A BOOTSEL drive as a directory: INFO_UF2.TXT as the RP2040's boot ROM writes it, Board-ID {@code boardId}. */
    public static Path drive(Path under, String boardId) throws IOException {
        Path drive = Files.createDirectories(under.resolve(boardId));
        Files.writeString(drive.resolve("INFO_UF2.TXT"), "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: " + boardId + "\r\n");
        return drive;
    }
}
