package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.Installer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A board's install on a terminal (a line redrawn in place, then its result) and in a pipe (the result line only). */
class InstallProgressTest {

    private static String run(boolean terminal) {
        StringWriter text = new StringWriter();
        LiveLine live = new LiveLine(new PrintWriter(text), terminal);
        InstallProgress a = new InstallProgress(live, terminal, "/dev/ttyACM0");
        a.step("stopping what runs");
        a.step("writing bridge.py");
        a.written(new Installer.Written("bridge.py", 2048, 8192));
        a.written(new Installer.Written("main.py", 8192, 8192));
        a.step("waiting for the bridge's handshake");
        a.done("/dev/ttyACM0: installed");
        InstallProgress b = new InstallProgress(live, terminal, "/dev/ttyACM1");
        b.step("stopping what runs");
        b.failed();
        return text.toString();
    }

    @Test
    void onATerminalEachBoardHasALineRedrawnInPlaceThatItsResultReplaces() {
        String text = run(true);
        String[] lines = text.split(System.lineSeparator(), -1);
        assertEquals(2, lines.length, text);
        // the first board's line: its frames, each from the line's start, the last of them its result
        String[] frames = lines[0].split("\r");
        assertTrue(frames[1].endsWith("  /dev/ttyACM0: stopping what runs"), text);
        assertTrue(frames[3].equals(LiveLine.bar(0.25) + "  /dev/ttyACM0: writing bridge.py (2.0 of 8.0 KB)"), text);
        assertTrue(frames[4].startsWith(LiveLine.bar(1) + "  /dev/ttyACM0: writing main.py (8.0 of 8.0 KB)"), text);
        assertEquals("/dev/ttyACM0: installed", frames[frames.length - 1].strip(), text);
        // the second board failed: its line is blanked, the cursor at its start for the error
        String[] second = lines[1].split("\r", -1);
        assertEquals("", second[second.length - 1], text);
        String blank = second[second.length - 2];
        assertTrue(blank.isBlank() && blank.length() == second[second.length - 3].length(), text);
    }

    @Test
    void inAPipeOnlyTheResultLineWithoutCarriageReturns() {
        String text = run(false);
        assertFalse(text.contains("\r"), text);
        assertEquals("/dev/ttyACM0: installed" + System.lineSeparator(), text);
    }
}
