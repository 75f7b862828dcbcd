package io.picoloop.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's stdin as a terminal that hands over single keys ({@code stty -icanon -echo}),
 * and its normal mode given back on {@link #restore()} and, should nobody call that, when the
 * JVM exits. Ctrl-C still signals: only line editing and echo are off.
 */
final class RawTerminal {

    private final String saved;
    private final boolean background;
    private Thread restoreOnExit;

    private RawTerminal(String saved, boolean background) {
        this.saved = saved;
        this.background = background;
    }

    /**
     * Sets stdin up for single keys when it is a terminal in the foreground. Null when stdin is no
     * terminal (a pipe, a file, no stty: read it as lines).
     */
    static RawTerminal enter() {
        // stty -g on stdin works only when stdin is a terminal: the test and the saved mode in one
        String saved = stty("-g");
        if (saved == null) {
            return null;
        }
        if (isBackgroundJob(readProcSelfStat())) {
            // `java Lab.java &`: setting the terminal's mode or reading it would stop the whole
            // process (SIGTTOU, SIGTTIN) until it is brought to the foreground
            return new RawTerminal(null, true);
        }
        if (stty("-icanon", "-echo", "min", "1") == null) {
            return null;
        }
        RawTerminal t = new RawTerminal(saved, false);
        t.restoreOnExit = Thread.ofPlatform().name("picoloop-terminal-restore").unstarted(t::restoreMode);
        Runtime.getRuntime().addShutdownHook(t.restoreOnExit);
        return t;
    }

    /** A shell's background job: its terminal is left alone and not read. */
    boolean background() {
        return background;
    }

    /** Gives the terminal back the mode it had; once, whoever calls first (close or the exit hook). */
    void restore() {
        restoreMode();
        if (restoreOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException exiting) {
                // closed from another shutdown hook (Ctrl-C): the hook runs anyway, and finds it done
            }
        }
    }

    private synchronized void restoreMode() {
        if (saved != null && restoreOnExit != null) {
            stty(saved);
            restoreOnExit = null;
        }
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
            return Files.readString(Path.of("/proc/self/stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Runs stty on stdin; its output, or null when it failed (stdin is no terminal, no stty). */
    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return TerminalCommand.run(new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)).orElse(null);
    }
}
