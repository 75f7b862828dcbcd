package io.picoloop.cli;

import java.io.PrintWriter;

/**
 * Shows an LED's state: one line redrawn in place on a terminal ({@code GP25 ●}), a plain line
 * per change otherwise, so a log or a pipe gets readable text rather than carriage returns.
 */
final class LedDisplay implements AutoCloseable {

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private final long startNanos = System.nanoTime();
    private boolean lit;
    private boolean lineOpen;
    private long flashes;

    LedDisplay(PrintWriter out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /**
     * Whether stdout is a terminal, whatever stdin is. System.console() is there only when both
     * are, so without it {@code test -t 1} on our stdout tells ({@code blink --sim < /dev/null}).
     */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        if (console != null && console.isTerminal()) {
            return true;
        }
        // no test command (Windows), or no answer in time: not known to be a terminal
        return TerminalCommand.run(new ProcessBuilder("test", "-t", "1")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)).isPresent();
    }

    /**
     * Shows a change; the LED starts off, and a level it already shows is no change (a pin set up
     * low). Synchronized: the simulated board calls it from its own thread (see BoardSession).
     */
    synchronized void show(boolean on) {
        if (on == lit) {
            return;
        }
        lit = on;
        if (on) {
            flashes++;
        }
        if (terminal) {
            out.print("\r" + label + " " + (on ? "●" : "○") + "  flash " + flashes + " ");
            lineOpen = true;
        } else {
            double t = (System.nanoTime() - startNanos) / 1e9;
            out.printf("%8.3fs %s %s%n", t, label, on ? "on" : "off");
        }
        out.flush();
    }

    /**
     * Ends the redrawn line, if one is open, so what is printed next starts on a fresh one;
     * {@link #close()} does the same, for try-with-resources.
     */
    synchronized void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }

    @Override
    public void close() {
        finish();
    }
}
