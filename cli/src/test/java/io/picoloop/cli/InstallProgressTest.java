package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.Installer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three boards installed at once on a terminal (their lines redrawn together as a block, each
 * result going above it) and in a pipe (the result lines only, as each board ends).
 */
class InstallProgressTest {

    private static final String N = System.lineSeparator();
    private static final String K = "\033[K";
    private static final String J = "\033[J";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Three boards whose steps interleave: A writes, B fails, C starts after A, A ends, C ends. */
    private void run(boolean redraw) {
        LiveBlock block = new LiveBlock(new PrintWriter(out), redraw);
        InstallProgress a = new InstallProgress(block, 0, "A");
        InstallProgress b = new InstallProgress(block, 1, "B");
        InstallProgress c = new InstallProgress(block, 2, "C");
        b.step("stopping what runs");
        a.step("stopping what runs");
        a.written(new Installer.Written("bridge.py", 2048, 8192));
        b.failed(new PrintWriter(err), "picoloop: B: no answer");
        c.step("asking the running bridge");
        a.done("A: installed");
        c.done("C: already installed");
    }

    private static String line(double share, String text) {
        return LiveLine.bar(share) + "  " + text + K + N;
    }

    @Test
    void onATerminalTheRunningBoardsAreABlockRedrawnTogetherAndEachResultGoesAboveIt() {
        run(true);
        String stop = "stopping what runs";
        String expected =
                line(0, "B: " + stop) + J
                + "\r\033[1A" + line(0, "A: " + stop) + line(0, "B: " + stop) + J
                + "\r\033[2A" + line(0.25, "A: writing bridge.py (2.0 of 8.0 KB)") + line(0, "B: " + stop) + J
                // B failed: the block goes while its line is written on stderr, then comes back below it
                + "\r\033[2A" + J
                + line(0.25, "A: writing bridge.py (2.0 of 8.0 KB)") + J
                + "\r\033[1A" + line(0.25, "A: writing bridge.py (2.0 of 8.0 KB)") + line(0, "C: asking the running bridge") + J
                + "\r\033[2A" + "A: installed" + K + N + line(0, "C: asking the running bridge") + J
                + "\r\033[1A" + "C: already installed" + K + N + J;
        assertEquals(expected, out.toString(), out.toString().replace("\033", "ESC"));
        assertEquals("picoloop: B: no answer" + N, err.toString());
    }

    @Test
    void inAPipeOnlyEachResultLineAsItsBoardEnds() {
        run(false);
        assertFalse(out.toString().contains("\r") || out.toString().contains("\033"), out.toString());
        assertEquals("A: installed" + N + "C: already installed" + N, out.toString());
        assertEquals("picoloop: B: no answer" + N, err.toString());
    }

    @Test
    void aRunningLineIsCutToTheNarrowestTerminalSoItNeverWraps() {
        LiveBlock block = new LiveBlock(new PrintWriter(out), true);
        block.show(0, "x".repeat(200));
        String drawn = out.toString().substring(0, out.toString().indexOf(K));
        assertEquals(LiveBlock.WIDTH, drawn.length(), drawn);
        assertTrue(drawn.endsWith("…"), drawn);
    }

    @Test
    void aDumbTerminalOrAPipeGetsNoCursorMovementButNoColourKeepsIt() {
        assertTrue(LiveBlock.redraws(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertFalse(LiveBlock.redraws(true, Map.of("TERM", "dumb")));
        assertFalse(LiveBlock.redraws(false, Map.of("TERM", "xterm")));
    }
}
