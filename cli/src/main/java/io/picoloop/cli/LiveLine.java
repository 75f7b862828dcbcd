package io.picoloop.cli;

import java.io.PrintWriter;

/**
 * A reading that changes, on a console: on a terminal one line redrawn in place with a bar
 * ({@code GP26 [██████░░░░░░░░░░░░░░]  19661  0.990 V}), otherwise a plain line each time, so a log
 * or a pipe gets readable text rather than carriage returns (as the simulator's PinDisplay decides).
 * A line of its own (a loss) ends the redrawn one first. Thread-safe.
 */
final class LiveLine implements AutoCloseable {

    static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    /** The length of the frame drawn last, whose tail a shorter frame blanks out. */
    private int drawn;

    LiveLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows a reading: {@code share} (0 to 1) as the bar on a terminal, {@code text} beside it or on its own line. */
    synchronized void show(double share, String text) {
        if (terminal) {
            String frame = bar(share) + "  " + text;
            out.print("\r" + frame + " ".repeat(Math.max(0, drawn - frame.length())));
            drawn = frame.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** A line of its own, below the redrawn one, which the next reading starts again. */
    synchronized void line(String text) {
        endLine();
        out.println(text);
        out.flush();
    }

    /** Ends the redrawn line, if one is open, so the next line starts on its own. */
    synchronized void endLine() {
        if (drawn > 0) {
            out.println();
            out.flush();
            drawn = 0;
        }
    }

    /** The bar for a share of 0 to 1, in eighths of a cell. */
    static String bar(double share) {
        int eighths = (int) Math.round(Math.max(0, Math.min(1, share)) * BAR_WIDTH * 8);
        StringBuilder b = new StringBuilder("[");
        b.append("█".repeat(eighths / 8));
        if (eighths % 8 != 0) {
            b.append(" ▏▎▍▌▋▊▉".charAt(eighths % 8));
        }
        return b.append("░".repeat(BAR_WIDTH - b.length() + 1)).append(']').toString();
    }

    @Override
    public void close() {
        endLine();
    }
}
