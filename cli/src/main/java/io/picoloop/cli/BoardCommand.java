package io.picoloop.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs on one board (blink, watch, demo reaction, a program of one's own), run the
 * same way: its command line checked before any board is touched, the board's session opened, the
 * command's main task run on the loop until it ends, a signal stops it or the board fails, the
 * command's last line, and the outputs switched off as the session closes. A failure is thrown on
 * to {@link FailureReporter}; the command itself ends with {@link ExitCode#DONE}. Each command says
 * only its own part: what it checks, prepares, runs and sums up.
 */
abstract class BoardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BoardOptions boardOptions;

    /** Refuses a command line that cannot run (a usage error), before any board is opened. */
    void validate() {
    }

    /** On the connected board, before the run: its pins named and checked, what the run draws on. */
    void prepare(BoardSession session) {
    }

    /** The command's main task, on the session's loop. */
    abstract void run(BoardSession session) throws Exception;

    /** After the run, also when it failed: ends what the command drew, so the next line starts on its own. */
    void runEnded() {
    }

    /** True when a failure of the run is summed up (then thrown on), not only thrown on. */
    boolean sumsUpFailure() {
        return false;
    }

    /**
     * The command's last line(s), once the run is over.
     *
     * @param stoppedBy how the run was stopped as the line says it ({@link CtrlC#STOPPED},
     *                  {@link FailureReporter#STOPPED}), or null when it ran to its end
     */
    abstract void summarize(BoardSession session, String stoppedBy);

    @Override
    public Integer call() {
        validate();
        try (BoardSession session = BoardSession.open(boardOptions, err())) {
            prepare(session);
            String stoppedBy;
            RuntimeException failure = null;
            try {
                stoppedBy = session.runStoppedBySignal(() -> {
                    run(session);
                    return null;
                }) ? CtrlC.STOPPED : null;
            } catch (RuntimeException e) {
                if (!sumsUpFailure()) {
                    throw e;
                }
                stoppedBy = FailureReporter.STOPPED;
                failure = e;
            } finally {
                session.endLine();
                runEnded();
            }
            summarize(session, stoppedBy);
            out().flush();
            err().flush();
            if (failure != null) {
                throw failure;      // its line on stderr says what failed
            }
        }
        return ExitCode.DONE.code();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
