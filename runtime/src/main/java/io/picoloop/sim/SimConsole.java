package io.picoloop.sim;

import io.picoloop.config.BoardProfile;
import io.picoloop.config.BoardProfileLoader;
import io.picoloop.protocol.PinId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * The terminal as a simulated Pico's front panel: its outputs drawn on screen, the keyboard as
 * its buttons. Open it once the simulator is started and before the program sets its pins up:
 *
 * <pre>{@code
 * SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
 * try (SimConsole console = SimConsole.open(sim); Pico pico = Pico.connect(sim.transport())) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Outputs: every pin the program sets up as an output, in GPIO order, named as the board
 * profile names them ({@link PinLabels}: {@code red} for GP16 in the default profile, {@code LED}
 * for the onboard LED, {@code GP5} for a pin it does not name). On a terminal one status line
 * redrawn in place ({@code red ●  green ○  LED ●}, a lit LED in its colour unless {@code NO_COLOR}
 * is set or {@code TERM} is {@code dumb}; call {@link #endLine()} before printing, or the text lands
 * on that line), otherwise one line per change ({@code    1.234s red on}, seconds since the console
 * opened). A PWM output shows its brightness, the duty in percent: {@code red ◔ 25%} on the
 * redrawn line, drawn faint below half where there is colour; {@code    1.234s red 25%} as a line,
 * where a fade is a line per 10 % step it crosses and one where it ends ({@link PinDisplay}).
 *
 * <p>Keys, when stdin is a terminal (set to {@code stty -icanon -echo}, given back on close and
 * when the JVM exits; Ctrl-C still signals; keys typed but not read by then are dropped, not left
 * for the shell): space presses and releases, in turn, the first input the program watches (a
 * {@code Button}), or with {@link Builder#clickKeys} presses and releases it at once, a click;
 * {@code 1}-{@code 9} the nth in the order it watched them, {@code p}/{@code r} press/release the first, {@code b} is a bouncing press or release of
 * the first, {@code +}/{@code -} (also {@code =}/{@code _}) turn the potentiometer: they step the first analog
 * input the program reads or streams {@value SimInputs#ANALOG_STEP_PERCENT} % of full scale up or
 * down, shown on the redrawn line ({@code GP26 in 55%}); {@code q} or Ctrl-D quits
 * ({@link Builder#onQuit}). A key when nothing is watched (or read) yet says so once on stderr. A shell's background job leaves its terminal alone, saying so once.
 *
 * <p>Lines, when stdin is not a terminal (a pipe, a file, an IDE's console): {@code press [pin]},
 * {@code release [pin]}, {@code bounce [pin]}, {@code analog [pin|temp] <value>}, {@code wait <ms>},
 * {@code await-led} (until the onboard LED is lit), {@code quit}. The pin is {@code 14}, {@code GP14}
 * or {@code LED}; without one, the first watched input, once the program watches one.
 * {@code analog 26 30000} sets what analog input GP26 reads from then on, 0-65535 as read_u16
 * ({@code temp}: the temperature sensor), at once, also before the program reads it; {@code analog
 * 30000}, the first analog input the program reads or streams, once it does. The end of a script is {@code quit},
 * {@value SimInputs#END_OF_SCRIPT_MS} ms after its last line (for that line's events to reach the
 * program): nobody is left to press a button, so a run that waits for one would wait forever;
 * an empty stdin ({@code < /dev/null}) is no script and quits nothing. A line it cannot read is one line
 * on stderr naming what it accepts, and is skipped; a line naming a pin nobody watches sets its
 * level and says on stderr that the program sees no change.
 */
public final class SimConsole implements AutoCloseable {

    private final SimulatedPico sim;
    private final PinDisplay display;
    private final PinListener outputs;
    private final SimInputs inputs;
    private final RawTerminal rawTerminal;
    private final boolean keys;
    private final Thread reader;
    private volatile boolean closed;

    private SimConsole(Builder b, boolean keys, boolean statusLine, RawTerminal rawTerminal) {
        this.sim = b.sim;
        this.keys = keys;
        this.rawTerminal = rawTerminal;
        PrintWriter out = b.out != null ? b.out : writer(System.out);
        PrintWriter err = b.err != null ? b.err : writer(System.err);
        PinLabels labels = PinLabels.of(b.profile != null ? b.profile : BoardProfileLoader.defaults(),
                sim.model().led());
        Function<PinId, String> names = b.names != null ? b.names : labels::name;
        this.display = new PinDisplay(out, statusLine, names,
                (b.colour != null ? b.colour && statusLine : PinDisplay.colourWanted(statusLine)) ? labels::colour : pin -> null);
        this.outputs = new PinListener() {
            @Override
            public void pinChanged(PinId pin, int level, long nanos) {
                display.show(pin, level == 1);
            }

            @Override
            public void pwmChanged(PinId pin, int duty, boolean running, long nanos) {
                display.showDuty(pin, duty, running);
            }
        };
        this.inputs = new SimInputs(sim, b.clickKeys, b.quit, err, () -> closed, (input, value) ->
                display.showAnalog(PinId.parse(input).map(names).orElse(input), value));
        sim.addPinListener(outputs);
        if (rawTerminal != null && rawTerminal.background()) {
            err.println("picoloop: started in the background: the keys do not press the buttons;"
                    + " run it in the foreground to use them");
            err.flush();
            reader = null;
            return;
        }
        if (keys) {
            out.println(inputs.keysHelp());
            out.flush();
        }
        InputStream in = b.in != null ? b.in : System.in;
        reader = Thread.ofPlatform().daemon().name("picoloop-sim-console").start(() -> read(in));
    }

    /** A console on System.out, System.in and System.err; keys and the redrawn line where they are terminals. */
    public static SimConsole open(SimulatedPico sim) {
        return builder(sim).open();
    }

    /** A console to set up: other streams, a mode of its own, what quitting does. */
    public static Builder builder(SimulatedPico sim) {
        return new Builder(Objects.requireNonNull(sim, "sim"));
    }

    /** True when single keys act (stdin is a terminal); false when stdin is read as lines, or not at all. */
    public boolean takesKeys() {
        return keys && reader != null;
    }

    /**
     * Ends the redrawn status line, if one is open, so what the program prints next starts on a
     * line of its own; the next change draws the status line again below it.
     */
    public void endLine() {
        display.endLine();
    }

    /**
     * Stops reading (a key or line read after this does nothing), stops drawing, gives the
     * terminal back its mode and ends the redrawn line.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sim.removePinListener(outputs);
        if (rawTerminal != null) {
            drain(System.in);      // the keys the program no longer reads would go to the shell
            rawTerminal.restore();
        }
        display.endLine();
    }

    /** Drops what {@code in} holds ready to read; a read error ends it (then nothing is left to drop). */
    static void drain(InputStream in) {
        try {
            for (int n; (n = in.available()) > 0; ) {
                in.skipNBytes(n);
            }
        } catch (IOException e) {
            // stdin closed
        }
    }

    /** For tests: one key byte, as the terminal would hand it over; false once it quit. */
    boolean key(int c) throws InterruptedException {
        return !closed && inputs.key(c);
    }

    /** For tests: the thread that reads stdin, null when nothing is read. */
    Thread reader() {
        return reader;
    }

    private void read(InputStream in) {
        try {
            if (keys) {
                int c;
                while ((c = in.read()) >= 0 && key(c)) {
                    // each key acted
                }
            } else {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String line;
                boolean script = false;
                while ((line = r.readLine()) != null && !closed) {
                    script = true;
                    if (!inputs.line(line)) {
                        return;     // quit
                    }
                }
                if (line == null && script) {
                    inputs.endOfScript();
                }
            }
        } catch (IOException | InterruptedException e) {
            // stdin closed: no more keys
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()));
    }

    /** How a {@link SimConsole} reads and writes; {@link #open()} starts it. */
    public static final class Builder {

        private final SimulatedPico sim;
        private PrintWriter out;
        private PrintWriter err;
        private InputStream in;
        private Boolean terminal;
        private Runnable quit = () -> System.exit(130);
        private Function<PinId, String> names;
        private BoardProfile profile;
        private Boolean colour;
        private boolean clickKeys;

        private Builder(SimulatedPico sim) {
            this.sim = sim;
        }

        /** Where the outputs and the keys' help line go (default System.out). */
        public Builder out(PrintStream out) {
            return out(writer(out));
        }

        /** {@link #out(PrintStream)} for a writer (a command line library's). */
        public Builder out(PrintWriter out) {
            this.out = out;
            return this;
        }

        /** Where a line that cannot be read, and a key with nothing to press, are told (default System.err). */
        public Builder err(PrintStream err) {
            return err(writer(err));
        }

        /** {@link #err(PrintStream)} for a writer. */
        public Builder err(PrintWriter err) {
            this.err = err;
            return this;
        }

        /** What is read (default System.in); a stream of its own is never put into raw mode. */
        public Builder in(InputStream in) {
            this.in = in;
            return this;
        }

        /**
         * True: single keys are read and the outputs are one redrawn line; false: lines are read
         * and each change is a line. Unset: keys when stdin is a terminal, the redrawn line when
         * stdout is one, each on its own ({@code | tee log} keeps the keys).
         */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        /**
         * What {@code q}, Ctrl-D, {@code quit} and the end of a script do. Default {@code System.exit(130)}, so shutdown
         * hooks ({@code loop.closeOnCtrlC}) clean up as after Ctrl-C.
         */
        public Builder onQuit(Runnable quit) {
            this.quit = Objects.requireNonNull(quit, "quit");
            return this;
        }

        /**
         * Space and 1-9 press and release their button at once ({@value SimInputs#CLICK_MS} ms held),
         * for programs that wait for presses (a reaction game: one key, one press). Default: they
         * press, and release at the next hit, so a button can be held as long as one likes.
         */
        public Builder clickKeys() {
            this.clickKeys = true;
            return this;
        }

        /** The profile whose pin names and colours the panel shows (default: the packaged one, config/board.properties). */
        public Builder profile(BoardProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * True: a lit LED is drawn in its colour on the redrawn line; false: never. Unset: where the
         * terminal has colour ({@link PinDisplay#colourWanted}: not with {@code NO_COLOR} or {@code TERM=dumb}).
         */
        public Builder colour(boolean colour) {
            this.colour = colour;
            return this;
        }

        /** How pins are called on screen, instead of the profile's names ({@code PinId::toString}: GP16). */
        public Builder pinNames(Function<PinId, String> names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        public SimConsole open() {
            // only the process's own stdin is a terminal that stty can set up
            boolean ownStdin = in == null;
            RawTerminal raw = ownStdin && (terminal == null || terminal) ? RawTerminal.enter() : null;
            boolean keys = terminal != null ? terminal : raw != null;
            boolean statusLine = terminal != null ? terminal : PinDisplay.stdoutIsTerminal();
            return new SimConsole(this, keys, statusLine, raw);
        }
    }
}
