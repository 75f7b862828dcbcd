package io.picoloop.micropython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** File work through the raw REPL on real MicroPython (the unix port; its "flash" is a temporary directory). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoardFilesTest {

    private static byte[] everyByte(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        return data;
    }

    @Test
    void writesInChunksAndTheBoardsHashMatches() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false); RawRepl repl = new RawRepl(board, 5000)) {
            repl.enter();
            BoardFiles files = new BoardFiles(repl, board.dir().toString());
            byte[] data = everyByte(BoardFiles.CHUNK * 2 + 300);     // every byte value, three chunks
            List<Integer> progress = new ArrayList<>();
            files.write("data.bin", data, progress::add);
            assertArrayEquals(data, Files.readAllBytes(board.dir().resolve("data.bin")));
            assertEquals(List.of(BoardFiles.CHUNK, BoardFiles.CHUNK * 2, data.length), progress);
            assertTrue(files.hashesOnBoard());
            Map<String, String> hashes = files.sha256(List.of("data.bin", "absent.py"));
            assertEquals(Map.of("data.bin", BoardFiles.sha256Hex(data)), hashes, "a missing file is left out");
            assertArrayEquals(data, files.readBack("data.bin"));
            assertNull(files.readBack("absent.py"));
            assertTrue(files.list().contains(new BoardFiles.Entry("data.bin", false, data.length)), files.list().toString());
            assertTrue(files.free() > 0);
        }
    }

    @Test
    void renameReplacesTheTargetAndAFailedOneKeepsIt() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false); RawRepl repl = new RawRepl(board, 5000)) {
            repl.enter();
            BoardFiles files = new BoardFiles(repl, board.dir().toString());
            Files.writeString(board.dir().resolve("main.py"), "old");
            Files.writeString(board.dir().resolve("main.py.tmp"), "new");
            files.rename("main.py.tmp", "main.py");
            assertEquals("new", Files.readString(board.dir().resolve("main.py")));
            assertFalse(Files.exists(board.dir().resolve("main.py.tmp")));
            assertThrows(MicroPythonException.class, () -> files.rename("gone.tmp", "main.py"));
            assertEquals("new", Files.readString(board.dir().resolve("main.py")), "no source: the target stays");
            Files.writeString(board.dir().resolve("main.py"), "# hello\r\nprint(1)\n");
            assertEquals("# hello", files.firstLine("main.py"));
            assertNull(files.firstLine("absent.py"));
        }
    }

    @Test
    void withoutHashlibTheFilesAreReadBackAndHashedHere() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false); RawRepl repl = new RawRepl(board, 5000)) {
            repl.enter();
            // a build without hashlib.sha256: the module the board imports has none
            repl.run("import sys\nclass NoSha:\n pass\nsys.modules['hashlib'] = NoSha()\n");
            BoardFiles files = new BoardFiles(repl, board.dir().toString());
            byte[] data = everyByte(1000);
            Files.write(board.dir().resolve("a.py"), data);
            assertFalse(files.hashesOnBoard());
            assertEquals(Map.of("a.py", BoardFiles.sha256Hex(data)), files.sha256(List.of("a.py", "b.py")));
        }
    }

    @Test
    void aBoardThatStopsAnsweringMidCopyIsSaidInOneLine() throws Exception {
        try (UnixMicroPython board = UnixMicroPython.start(false); RawRepl repl = new RawRepl(board, 700)) {
            repl.enter();
            BoardFiles files = new BoardFiles(repl, board.dir().toString());
            byte[] data = everyByte(BoardFiles.CHUNK * 4);
            MicroPythonException e = assertThrows(MicroPythonException.class, () -> files.write("big.bin", data, n -> {
                if (n == BoardFiles.CHUNK) {
                    try {
                        board.freeze();
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }
            }));
            assertEquals(MicroPythonException.Kind.STOPPED_ANSWERING, e.kind());
            assertEquals("unix MicroPython stopped answering (raw-paste mode, nothing for 0.7 s): unplug and replug the Pico,"
                    + " then try again", e.getMessage());
        }
    }
}
