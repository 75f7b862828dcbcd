package io.picoloop.sim;

import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Output pins' levels on a console: on a terminal one status line redrawn in place
 * ({@code GP16 ●  GP20 ○  LED ●}, pins in GPIO order, the onboard LED last on a Pico W), otherwise
 * one plain line per change ({@code    1.234s GP16 on}, seconds since the display was made), so a
 * log or a pipe gets readable text rather than carriage returns.
 *
 * <p>A PWM output shows its brightness, the duty in percent: {@code GP16 ◔ 25%} on the redrawn
 * line (○ at 0 %, ◔ ◑ ◕ between, ● at 100 %; in colour a lit one is its colour, faint below half),
 * {@code    1.234s GP16 25%} as a line. A fade changes the duty every 10 ms: the redrawn line
 * follows each whole percent, the lines only each 10 % step it crosses and where it ends. Analog
 * inputs ({@link #showAnalog}) show what they read on the redrawn line only ({@code GP26 in 50%}).
 *
 * <p>{@link SimConsole} draws a simulated board's outputs with it; a program that drives a real
 * board can draw what it drives the same way. Thread-safe: a simulator calls it from its own thread.
 */
public final class PinDisplay implements AutoCloseable {

    /** duty_u16 and read_u16 share one full scale. */
    private static final int FULL_SCALE = Protocol.PWM_DUTY_MAX;
    /** GPIO order; {@link PinId#LED} (a Pico W's, off the GPIO numbers) after them all. */
    // Lambdas of our own rather than Comparator.comparingInt and a stream over the TreeMap (whose
    // comparator the stream asks for): the JDK's lambdas inside those are made at run time at every
    // start, ours come from the start-up cache (docs/performance.md, "Start-up", run I)
    private static final Comparator<PinId> GPIO_ORDER = (a, b) -> Integer.compare(gpioOrder(a), gpioOrder(b));

    private final PrintWriter out;
    private final boolean terminal;
    private final Function<PinId, String> names;
    /** The ANSI colour a lit pin is drawn in (null: none), on a terminal only. */
    private final Function<PinId, String> colours;
    private final long startNanos = System.nanoTime();
    private final Map<PinId, Shown> shown = new TreeMap<>(GPIO_ORDER);
    /** Analog inputs by name, in the order first shown, and what they read (0-65535). */
    private final Map<String, Integer> analog = new LinkedHashMap<>();
    private String note = "";
    private boolean lineOpen;

    /** What a pin shows: a digital level, or a PWM output's duty in percent. */
    private record Shown(boolean pwm, boolean on, int percent) {
        static final Shown OFF = digital(false);

        static Shown digital(boolean on) {
            return new Shown(false, on, on ? 100 : 0);
        }

        static Shown duty(int duty) {
            return new Shown(true, duty > 0, PinDisplay.percent(duty));
        }

        /** By hand, as PinId's: a record's own is bootstrapped at run time. */
        boolean same(Shown other) {
            return pwm == other.pwm && on == other.on && percent == other.percent;
        }
    }

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
        if (!change(pin, Shown.digital(on))) {
            return;
        }
        if (terminal) {
            redraw();
        } else {
            line(pin, on ? "on" : "off");
        }
    }

    /**
     * Shows a PWM output's duty (0-65535, duty_u16) as its brightness in percent. On a line per
     * change, a change while a fade or tone runs ({@code running}) is a line only when it crosses
     * a 10 % step; the fade's end (no longer running) is always one.
     */
    public synchronized void showDuty(PinId pin, int duty, boolean running) {
        Shown now = Shown.duty(duty);
        if (terminal) {
            if (change(pin, now)) {
                redraw();
            }
            return;
        }
        Shown before = shown.getOrDefault(pin, Shown.OFF);
        boolean crossed = !before.pwm() || before.percent() / 10 != now.percent() / 10;
        // an unprinted step is not remembered: the next step is measured from the last line
        if ((!running || crossed) && change(pin, now)) {
            line(pin, now.percent() + "%");
        }
    }

    /** Shows what an analog input reads (0-65535, read_u16), on the redrawn line; a line per change leaves it out. */
    public synchronized void showAnalog(String name, int value) {
        Integer before = analog.put(name, value);
        if (terminal && (before == null || percent(before) != percent(value))) {
            redraw();
        }
    }

    private static int gpioOrder(PinId pin) {
        return pin.isLed() ? Integer.MAX_VALUE : pin.gpio();
    }

    /** Remembers what the pin shows; false when it showed that already. */
    private boolean change(PinId pin, Shown now) {
        Shown before = shown.put(pin, now);
        return !(before == null ? Shown.OFF : before).same(now);
    }

    private void redraw() {
        StringJoiner frame = new StringJoiner("  ");
        shown.forEach((pin, s) -> frame.add(names.apply(pin) + " " + draw(pin, s)));
        analog.forEach((name, value) -> frame.add(name + " in " + percent(value) + "%"));
        if (!note.isEmpty()) {
            frame.add(note);
        }
        // the trailing blank covers the last character of a frame one longer than this one
        out.print("\r" + frame + " ");
        lineOpen = true;
        out.flush();
    }

    private void line(PinId pin, String what) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        out.printf("%8.3fs %s %s%n", t, names.apply(pin), what);
        out.flush();
    }

    private String draw(PinId pin, Shown s) {
        String glyph = !s.pwm() ? (s.on() ? "●" : "○") : s.percent() == 0 ? "○" : s.percent() == 100 ? "●"
                : s.percent() < 38 ? "◔" : s.percent() < 63 ? "◑" : "◕";
        String colour = s.on() ? colours.apply(pin) : null;
        if (colour != null) {
            // a dim LED is drawn faint: brightness where the terminal has it
            glyph = "\033[" + (s.percent() < 50 ? "2;" : "") + colour + "m" + glyph + "\033[0m";
        }
        return s.pwm() ? glyph + " " + s.percent() + "%" : glyph;
    }

    /**
     * A 16-bit value (duty_u16, read_u16) in whole percent; anything but 0 and full scale is 1 to
     * 99, so a dim output never reads as off nor a nearly full one as full.
     */
    static int percent(int u16) {
        if (u16 <= 0 || u16 >= FULL_SCALE) {
            return u16 <= 0 ? 0 : 100;
        }
        return (int) Math.max(1, Math.min(99, Math.round(u16 * 100.0 / FULL_SCALE)));
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
