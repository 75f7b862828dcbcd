package io.picoloop.cli;

import io.picoloop.Picoloop;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;

/** {@link Picoloop#run}: a program's command line parsed and run as picoloop's commands are. */
public final class ProgramRunner {

    private ProgramRunner() {
    }

    /**
     * Runs {@code program} with stdout and stderr; returns the exit code. {@code options}, when not
     * null, holds the program's own picocli options, parsed with the board options.
     */
    public static int run(String name, String[] args, Object options, Picoloop.Program program) {
        Terminal terminal = Terminal.system();
        return run(name, args, options, program, terminal.out(), terminal.err());
    }

    /** The same with the given streams (tests). */
    public static int run(String name, String[] args, Picoloop.Program program, PrintWriter out, PrintWriter err) {
        return run(name, args, null, program, out, err);
    }

    /** The same with the program's own options and the given streams (tests). */
    public static int run(String name, String[] args, Object options, Picoloop.Program program, PrintWriter out,
            PrintWriter err) {
        Objects.requireNonNull(program, "program");
        CommandLine line = Main.commandLine(new ProgramCommand(program), out, err).setCommandName(name);
        if (options != null) {
            line.addMixin("options", options);
        }
        return line.execute(args);
    }
}
