package io.picoloop.cli;

import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The USB ports as picoloop lists them, with a Pico in BOOTSEL mode whose drive is a directory:
 * once a whole UF2 lies on the drive the board restarts as MicroPython, as a real one does: the
 * drive goes, and a serial port with MicroPython's USB id appears. Behind that port is a real
 * board, MicroPython on the emulated RP2040 (a pty has no USB ids, which is all this stands in for).
 */
final class BootselBus implements Supplier<List<PortInfo>>, AutoCloseable {

    private final Path drive;
    private final long uf2Bytes;
    private EmulatedPico board;

    /** @param uf2Bytes the size of the UF2 that makes it restart */
    BootselBus(Path drive, long uf2Bytes) {
        this.drive = drive;
        this.uf2Bytes = uf2Bytes;
    }

    @Override
    public synchronized List<PortInfo> get() {
        try {
            if (board == null && landed()) {
                board = EmulatedPico.blank();
                try (Stream<Path> files = Files.list(drive)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return board == null ? List.of()
                : List.of(new PortInfo(board.port(), "Board in FS mode", PortScanner.RASPBERRY_PI_VID, PortScanner.MICROPYTHON_PID, "0000000000000000"));
    }

    /** The board once it restarted, else null. */
    synchronized EmulatedPico board() {
        return board;
    }

    private boolean landed() throws IOException {
        try (Stream<Path> files = Files.list(drive)) {
            return files.anyMatch(f -> f.toString().endsWith(".uf2") && sizeOf(f) == uf2Bytes);
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (board != null) {
            board.close();
        }
    }
}
