package io.picoloop.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The raw REPL client against real MicroPython (the v1.28.0 unix port on a pty): raw-paste with
 * its flow control, the plain raw mode of a MicroPython without it, and the states another tool
 * or program leaves a board in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RawReplTest {

    private static final int IDLE_MS = 5000;

    @Test
    void runsCodeOverRawPasteWithItsOutputAndItsException() throws IOException {
        try (RawRepl repl = new RawRepl(UnixMicroPython.start(false), IDLE_MS)) {
            repl.enter();
            assertEquals("3\n", repl.exec("print(1 + 2)").out().replace("\r", ""));
            assertTrue(repl.usesRawPaste());
            RawRepl.Result failed = repl.exec("x = 1\n1 / 0\n");
            assertTrue(failed.failed());
            assertEquals("ZeroDivisionError: divide by zero", RawRepl.lastLine(failed.error()));
            MicroPythonException e = assertThrows(MicroPythonException.class, () -> repl.run("import nosuchmodule"));
            assertEquals(MicroPythonException.Kind.BOARD_ERROR, e.kind());
            assertTrue(e.getMessage().contains("ImportError"), e.getMessage());
            assertEquals("1\n", repl.run("print(x)").replace("\r", ""), "the session's globals persist between runs");
        }
    }

    @Test
    void codeLongerThanManyWindowsArrivesWhole() throws IOException {
        // the board's window is 128 bytes: 40 KB of source only arrives if the host waits for each 0x01
        StringBuilder code = new StringBuilder("s = 0\n");
        for (int i = 0; i < 2000; i++) {
            code.append("s += ").append(i).append("  # padding padding\n");
        }
        code.append("print(s)\n");
        try (RawRepl repl = new RawRepl(UnixMicroPython.start(false), IDLE_MS)) {
            repl.enter();
            assertTrue(code.length() > 40_000);
            assertEquals(String.valueOf(1999 * 2000 / 2), repl.run(code.toString()).strip());
            assertTrue(repl.usesRawPaste());
        }
    }

    @Test
    void aMicroPythonWithoutRawPasteGetsPlainRawMode() throws IOException {
        try (RawRepl repl = new RawRepl(UnixMicroPython.start(true), IDLE_MS)) {
            repl.enter();
            assertEquals("hello", repl.run("print('hel' + 'lo')").strip());
            assertFalse(repl.usesRawPaste());
            assertEquals("ValueError: no", RawRepl.lastLine(repl.exec("raise ValueError('no')").error()));
            assertEquals("ok", repl.run("print('ok')").strip(), "stays in plain raw mode");
        }
    }

    @Test
    void aSyntaxErrorStopsRawPasteAndIsReported() throws IOException {
        try (RawRepl repl = new RawRepl(UnixMicroPython.start(false), IDLE_MS)) {
            repl.enter();
            StringBuilder code = new StringBuilder("def broken(:\n");
            code.append("x = 1\n".repeat(500));      // more than the window: the board stops reading early
            assertEquals("SyntaxError: invalid syntax", RawRepl.lastLine(repl.exec(code.toString()).error()));
            assertEquals("2", repl.run("print(1 + 1)").strip(), "the session goes on");
        }
    }

    @Test
    void getsBackFromRawPasteLeftHalfOpen() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false)) {
            board.write("\u0001\u0005A\u0001print('half".getBytes(StandardCharsets.US_ASCII));   // another tool gave up here
            RawRepl repl = new RawRepl(board, IDLE_MS);
            repl.enter();
            assertEquals("4", repl.run("print(2 * 2)").strip());
        }
    }

    @Test
    void getsBackFromPasteModeLeftOpen() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false)) {
            board.write("\u0005def f():\r".getBytes(StandardCharsets.US_ASCII));
            RawRepl repl = new RawRepl(board, IDLE_MS);
            repl.enter();
            assertEquals("5", repl.run("print(2 + 3)").strip());
        }
    }

    @Test
    void interruptsAProgramThatKeepsPrinting() throws IOException {
        try (UnixMicroPython board = UnixMicroPython.start(false)) {
            board.write("i = 0\rwhile True:\r i += 1\r print('tick', i)\r\r\r".getBytes(StandardCharsets.US_ASCII));
            RawRepl repl = new RawRepl(board, IDLE_MS);
            repl.enter();
            assertEquals("7", repl.run("print(3 + 4)").strip());
        }
    }

    @Test
    void aPortThatSaysNothingIsNoBoard() {
        MicroPythonException e = assertThrows(MicroPythonException.class,
                () -> new RawRepl(StandInLink.silent(), 300).enter());
        assertEquals(MicroPythonException.Kind.NO_ANSWER, e.kind());
        assertTrue(e.getMessage().startsWith("no answer from stand-in to Ctrl-C and Ctrl-A: not a Pico running MicroPython"),
                e.getMessage());
    }

    @Test
    void garbageInReplyToRawModeIsNamedAsSuch() {
        MicroPythonException e = assertThrows(MicroPythonException.class,
                () -> new RawRepl(StandInLink.answering("?? AT OK\r\n"), 300).enter());
        assertEquals(MicroPythonException.Kind.GARBAGE, e.kind());
        assertTrue(e.getMessage().contains("not MicroPython's raw REPL"), e.getMessage());
        assertTrue(e.getMessage().contains("AT OK"), e.getMessage());
    }

    @Test
    void aProgramThatIgnoresCtrlCGetsTheWayOut() {
        MicroPythonException e = assertThrows(MicroPythonException.class,
                () -> new RawRepl(StandInLink.chattering("sensor 17\r\n"), 300).enter());
        assertEquals(MicroPythonException.Kind.IGNORES_CTRL_C, e.kind());
        assertTrue(e.getMessage().contains("flash_nuke.uf2"), e.getMessage());
    }
}
