package io.picoloop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code picoloop} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given output and error streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new PicoloopCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureReporter())
                .setOut(out)
                .setErr(err)
                .execute(args);
    }
}
