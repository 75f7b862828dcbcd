package io.picoloop.cli;

import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimulatedPico;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The keyboard as the simulated Pico's button (for {@code --sim}).
 *
 * <p>When stdin is a terminal the keys act at once (it is set to {@code stty -icanon -echo} and
 * restored on exit), whatever stdout is ({@code picoloop watch --sim | tee log} still takes keys):
 * space presses and releases in turn, {@code p} presses, {@code r} releases, {@code b} is a
 * bouncing press or release, {@code q} stops (Ctrl-C too, as a signal). Otherwise (a pipe, a test)
 * stdin is read as lines: {@code press}, {@code release}, {@code bounce}, {@code wait <ms>},
 * {@code await-led} (until the board's LED is on), {@code quit}.
 */
final class SimKeys implements AutoCloseable {

    static final String TERMINAL_HELP = "keys: space = press/release, p = press, r = release, b = bouncy press/release, q = quit";

    private final SimulatedPico sim;
    private final PinId button;
    private final Runnable quit;
    private final PrintWriter err;
    private boolean rawTerminal;
    private String savedTerminal;
    private boolean background;     // a shell's background job: stdin is left alone
    private volatile boolean closed;

    private SimKeys(SimulatedPico sim, PinId button, Runnable quit, PrintWriter err) {
        this.sim = sim;
        this.button = button;
        this.quit = quit;
        this.err = err;
    }

    /**
     * For a board command: the keys of the simulated board's {@code button}, or null on a real
     * board; they act once {@link #start()}ed. {@code q}/{@code quit} sets {@code quit} and stops
     * the loop (as Ctrl-C would).
     */
    static SimKeys ifSimulated(Board board, PinId button, io.picoloop.loop.EventLoop loop,
                               java.util.concurrent.atomic.AtomicBoolean quit, PrintWriter err) {
        return board.simulator().map(sim -> prepare(sim, button, () -> {
            quit.set(true);
            loop.requestStop();
        }, err)).orElse(null);
    }

    /** Sets stdin up for single keys when it is a terminal; nothing is read before {@link #start()}. */
    private static SimKeys prepare(SimulatedPico sim, PinId button, Runnable quit, PrintWriter err) {
        SimKeys k = new SimKeys(sim, button, quit, err);
        // stty -g on stdin works only when stdin is a terminal: the test and the saved mode in one
        k.savedTerminal = stty("-g");
        if (k.savedTerminal != null && isBackgroundJob(readProcSelfStat())) {
            // `picoloop watch --sim &`: setting the terminal's mode or reading it would stop the
            // whole process (SIGTTOU, SIGTTIN) until it is brought to the foreground
            k.savedTerminal = null;
            k.background = true;
            return k;
        }
        // key by key, no echo; Ctrl-C still signals (the command's Ctrl-C handling stays)
        k.rawTerminal = k.savedTerminal != null && stty("-icanon", "-echo", "min", "1") != null;
        return k;
    }

    /**
     * Whether {@code /proc/self/stat} says this process runs on a terminal whose foreground group
     * is another one (a shell's background job). False when unknown (no /proc: not Linux).
     */
    static boolean isBackgroundJob(String stat) {
        if (stat == null || stat.lastIndexOf(')') < 0) {
            return false;
        }
        // after "pid (comm)": state ppid pgrp session tty_nr tpgid ...; comm may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        try {
            long pgrp = Long.parseLong(f[2]);
            long ttyNr = Long.parseLong(f[4]);
            long tpgid = Long.parseLong(f[5]);
            return ttyNr != 0 && tpgid > 0 && tpgid != pgrp;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String readProcSelfStat() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when single keys act (stdin is a terminal), false when stdin is read as lines. */
    boolean onTerminal() {
        return rawTerminal;
    }

    /**
     * Starts reading keys (terminal) or lines (otherwise) from stdin on a daemon thread. Call it
     * once the button is watched: a press read before would act on a pin nobody watches yet.
     */
    void start() {
        if (background) {
            err.println("picoloop: started in the background: the keys do not press the button;"
                    + " run it in the foreground to use them");
            err.flush();
            return;
        }
        InputStream in = System.in;
        Thread.ofPlatform().daemon().name("picoloop-sim-keys").start(() -> {
            try {
                if (rawTerminal) {
                    keys(in);
                } else {
                    lines(in);
                }
            } catch (IOException | InterruptedException e) {
                // stdin closed: no more keys
            }
        });
    }

    private boolean pressed() {
        return sim.level(button).orElse(1) == sim.pressedLevel(button);
    }

    private void keys(InputStream in) throws IOException {
        int c;
        while (!closed && (c = in.read()) >= 0) {
            switch (c) {
                case ' ' -> {
                    if (pressed()) {
                        sim.release(button);
                    } else {
                        sim.press(button);
                    }
                }
                case 'p', 'P' -> sim.press(button);
                case 'r', 'R' -> sim.release(button);
                case 'b', 'B' -> bounce();
                case 'q', 'Q', 4 -> { // q, Ctrl-D
                    quit.run();
                    return;
                }
                default -> { }
            }
        }
    }

    private void bounce() {
        int target = pressed() ? 1 - sim.pressedLevel(button) : sim.pressedLevel(button);
        sim.bounce(button, target, 5, Duration.ofNanos(300_000));
    }

    private void lines(InputStream in) throws IOException, InterruptedException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        while (!closed && (line = r.readLine()) != null) {
            String[] w = line.strip().toLowerCase(Locale.ROOT).split("\\s+");
            // a typo is told and skipped: the lines after it must still act
            if (w.length != (w[0].equals("wait") ? 2 : 1)) {
                ignored(line);
                continue;
            }
            switch (w[0]) {
                case "" -> { }
                case "press", "p" -> sim.press(button);
                case "release", "r" -> sim.release(button);
                case "bounce", "b" -> bounce();
                case "wait" -> {
                    long ms = millis(w[1]);
                    if (ms < 0) {
                        ignored(line);
                    } else {
                        Thread.sleep(ms);
                    }
                }
                case "await-led" -> awaitLed();
                case "quit", "q" -> {
                    quit.run();
                    return;
                }
                default -> ignored(line);
            }
        }
    }

    private void ignored(String line) {
        err.println("picoloop: ignored input \"" + line.strip()
                + "\" (press, release, bounce, wait <ms>, await-led, quit)");
        err.flush();
    }

    /** The milliseconds of {@code wait <ms>}, or -1 for anything but a whole number of 0 or more. */
    private static long millis(String word) {
        try {
            return Math.max(-1, Long.parseLong(word));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void awaitLed() throws InterruptedException {
        CountDownLatch on = new CountDownLatch(1);
        io.picoloop.sim.PinListener l = (pin, level, nanos) -> {
            if (level == 1) {
                on.countDown();
            }
        };
        sim.addPinListener(l);
        try {
            if (!sim.ledOn()) {
                on.await(60, TimeUnit.SECONDS);
            }
        } finally {
            sim.removePinListener(l);
        }
    }

    /** Runs stty on stdin; its output, or null when it failed (stdin is no terminal, no stty). */
    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return TerminalCommand.run(new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)).orElse(null);
    }

    /** Stops reading and gives the terminal back its normal mode. */
    @Override
    public void close() {
        closed = true;
        if (rawTerminal) {
            rawTerminal = false;
            stty(savedTerminal);
        }
    }
}
