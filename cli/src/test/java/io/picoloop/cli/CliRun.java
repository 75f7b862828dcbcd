package io.picoloop.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the picoloop command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /**
     * Runs with an empty standard input: a command that reads stdin (the simulated board's keys)
     * must never read the test JVM's own, which is Surefire's command channel.
     */
    static CliRun of(String... args) {
        return withStdin("", args);
    }

    /** Runs the CLI with {@code stdin} as its standard input. */
    static synchronized CliRun withStdin(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)));
        try {
            return run(args);
        } finally {
            System.setIn(old);
        }
    }

    private static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
