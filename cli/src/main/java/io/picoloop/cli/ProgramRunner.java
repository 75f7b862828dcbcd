package io.picoloop.cli;

import io.picoloop.Picoloop;
import java.io.PrintWriter;
import java.util.Objects;

/** {@link Picoloop#run}: a program's command line parsed and run as picoloop's commands are. */
public final class ProgramRunner {

    private ProgramRunner() {
    }

    /** Runs {@code program} with stdout and stderr; returns the exit code. */
    public static int run(String name, String[] args, Picoloop.Program program) {
        Terminal terminal = Terminal.system();
        return run(name, args, program, terminal.out(), terminal.err());
    }

    /** The same with the given streams (tests). */
    public static int run(String name, String[] args, Picoloop.Program program, PrintWriter out, PrintWriter err) {
        Objects.requireNonNull(program, "program");
        return Main.commandLine(new ProgramCommand(program), out, err).setCommandName(name).execute(args);
    }
}
