package io.picoloop.sim;

import io.picoloop.protocol.PinId;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Output pins' levels on a console: on a terminal one status line redrawn in place
 * ({@code GP16 ●  GP20 ○  LED ●}, pins in GPIO order, the onboard LED last on a Pico W), otherwise
 * one plain line per change ({@code    1.234s GP16 on}, seconds since the display was made), so a
 * log or a pipe gets readable text rather than carriage returns.
 *
 * <p>{@link SimConsole} draws a simulated board's outputs with it; a program that drives a real
 * board can draw what it drives the same way. Thread-safe: a simulator calls it from its own thread.
 */
public final class PinDisplay implements AutoCloseable {

    /** GPIO order; {@link PinId#LED} (a Pico W's, off the GPIO numbers) after them all. */
    private static final Comparator<PinId> GPIO_ORDER =
            Comparator.comparingInt(p -> p.isLed() ? Integer.MAX_VALUE : p.gpio());

    private final PrintWriter out;
    private final boolean terminal;
    private final Function<PinId, String> names;
    /** The ANSI colour a lit pin is drawn in (null: none), on a terminal only. */
    private final Function<PinId, String> colours;
    private final long startNanos = System.nanoTime();
    private final Map<PinId, Boolean> shown = new TreeMap<>(GPIO_ORDER);
    private String note = "";
    private boolean lineOpen;

    /**
     * @param terminal true: one line redrawn in place; false: a line per change
     * @param names    how each pin is called on screen ({@code PinId::toString} gives {@code GP16})
     */
    public PinDisplay(PrintWriter out, boolean terminal, Function<PinId, String> names) {
        this(out, terminal, names, pin -> null);
    }

    /**
     * @param colours the ANSI SGR code a lit pin is drawn in on the redrawn line ({@code 31}: red;
     *                null: the terminal's own); see {@link PinLabels#colour} and {@link #colourWanted}
     */
    public PinDisplay(PrintWriter out, boolean terminal, Function<PinId, String> names, Function<PinId, String> colours) {
        this.out = out;
        this.terminal = terminal;
        this.names = names;
        this.colours = colours;
    }

    /** {@link #colourWanted(boolean, Map)} with this process's environment. */
    public static boolean colourWanted(boolean terminal) {
        return colourWanted(terminal, System.getenv());
    }

    /**
     * Whether to draw in colour: on a terminal whose {@code TERM} is set and not {@code dumb}, unless
     * {@code NO_COLOR} is set to anything but the empty string (no-color.org).
     */
    public static boolean colourWanted(boolean terminal, Map<String, String> env) {
        String noColour = env.get("NO_COLOR");
        String term = env.get("TERM");
        return terminal && (noColour == null || noColour.isEmpty()) && term != null && !term.equals("dumb");
    }

    /**
     * Whether stdout is a terminal, whatever stdin is. System.console() is there only when both
     * are, so without it {@code test -t 1} on our stdout tells ({@code java Lab.java < /dev/null}).
     */
    public static boolean stdoutIsTerminal() {
        var console = System.console();
        if (console != null && console.isTerminal()) {
            return true;
        }
        // no test command (Windows), or no answer in time: not known to be a terminal
        return TerminalCommand.run(new ProcessBuilder("test", "-t", "1")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)).isPresent();
    }

    /**
     * Shows a pin's level. A pin starts off, so a pin first seen low (an output just set up) is
     * drawn with the next change rather than on its own, and a level already shown is no change.
     */
    public synchronized void show(PinId pin, boolean on) {
        Boolean before = shown.put(pin, on);
        if (on == (before != null && before)) {
            return;
        }
        if (terminal) {
            String pins = shown.entrySet().stream()
                    .map(e -> names.apply(e.getKey()) + " " + dot(e.getKey(), e.getValue()))
                    .collect(Collectors.joining("  "));
            // the trailing blank covers the last character of a frame one longer than this one
            out.print("\r" + pins + (note.isEmpty() ? "" : "  " + note) + " ");
            lineOpen = true;
        } else {
            double t = (System.nanoTime() - startNanos) / 1e9;
            out.printf("%8.3fs %s %s%n", t, names.apply(pin), on ? "on" : "off");
        }
        out.flush();
    }

    private String dot(PinId pin, boolean on) {
        String colour = on ? colours.apply(pin) : null;
        return colour == null ? (on ? "●" : "○") : "\033[" + colour + "m●\033[0m";
    }

    /**
     * Text drawn after the pins on the redrawn line from the next change on ({@code flash 3});
     * a line per change leaves it out.
     */
    public synchronized void note(String text) {
        note = text;
    }

    /**
     * Ends the redrawn line, if one is open, so what is printed next starts on a line of its own;
     * the next change draws the status line again below it.
     */
    public synchronized void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }

    /** {@link #endLine()}, for try-with-resources. */
    @Override
    public void close() {
        endLine();
    }
}
