package io.picoloop.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several jobs' progress on a console at once, such as the boards of {@code install --all}. On a
 * terminal that moves the cursor, a block of lines redrawn together: one line per running job (in
 * the order of their slots), and each result printed above the block once its job ends, so the
 * block only holds what still runs and never outgrows the screen. Each redraw is one write: the
 * cursor back up to the block's first line ({@code ESC [ n A}), every line then cleared to its end
 * ({@code ESC [ K}), and what is left below a block that shrank cleared ({@code ESC [ J}).
 * Elsewhere (a pipe, a log, {@code TERM=dumb}) only the results, one line each as its job ends,
 * without carriage returns or escapes. Thread-safe: the jobs call it from their own threads.
 */
final class LiveBlock {

    static final String UP = "\033[%dA";
    static final String CLEAR_LINE = "\033[K";
    static final String CLEAR_BELOW = "\033[J";
    /**
     * A running line's most columns: one that wrapped would take two rows and the cursor would go
     * back up too few. 80 is the narrowest terminal usual; a result, above the block, is never cut.
     */
    static final int WIDTH = 79;

    private final PrintWriter out;
    private final boolean redraw;
    /** The running jobs' lines by slot. */
    private final Map<Integer, String> running = new TreeMap<>();
    /** The lines of the block on the screen now, the cursor on the line below them. */
    private int drawn;

    /** @param redraw a terminal that moves the cursor: see {@link #redraws(boolean, Map)} */
    LiveBlock(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** Cursor movement wanted: a terminal, and not one that says it is dumb (NO_COLOR is about colour only). */
    static boolean redraws(boolean terminal, Map<String, String> env) {
        return terminal && !"dumb".equals(env.get("TERM"));
    }

    /** The job in {@code slot} is at {@code text}: its line in the block (nothing elsewhere). */
    synchronized void show(int slot, String text) {
        if (redraw) {
            running.put(slot, text.length() > WIDTH ? text.substring(0, WIDTH - 1) + "…" : text);
            draw(List.of());
        }
    }

    /** The job in {@code slot} ended with {@code result}: its line leaves the block, the result goes above it. */
    synchronized void settle(int slot, String result) {
        if (redraw) {
            running.remove(slot);
            draw(List.of(result));
        } else {
            out.println(result);
            out.flush();
        }
    }

    /**
     * The job in {@code slot} ended with {@code message} (if not null) on another stream (stderr): the block is
     * taken away while it is written, so it starts a line of its own, then drawn again below it.
     */
    synchronized void settle(int slot, PrintWriter other, String message) {
        if (redraw) {
            running.remove(slot);
            if (drawn > 0) {
                out.print("\r" + String.format(UP, drawn) + CLEAR_BELOW);
                out.flush();
                drawn = 0;
            }
        }
        if (message != null) {
            other.println(message);
            other.flush();
        }
        if (redraw) {
            draw(List.of());
        }
    }

    private void draw(List<String> above) {
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append('\r').append(String.format(UP, drawn));
        }
        List<String> lines = new ArrayList<>(above);
        lines.addAll(running.values());
        for (String line : lines) {
            frame.append(line).append(CLEAR_LINE).append(System.lineSeparator());
        }
        frame.append(CLEAR_BELOW);
        out.print(frame);
        out.flush();
        drawn = running.size();
    }
}
