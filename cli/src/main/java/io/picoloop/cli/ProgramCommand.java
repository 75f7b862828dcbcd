package io.picoloop.cli;

import io.picoloop.Picoloop;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A user's program as a command ({@link Picoloop#run}): the board options of every board command,
 * the simulated board's panel, Ctrl-C and the switch-off at the end, all as for {@code blink}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A picoloop program. Without --sim or --port it uses the Pico where the bridge answers.",
            "With --sim the simulated Pico's outputs are shown here and the keyboard is its buttons ("
                    + BoardSession.SIM_KEYS + ")."})
final class ProgramCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BoardOptions boardOptions;

    private final Picoloop.Program program;

    ProgramCommand(Picoloop.Program program) {
        this.program = program;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BoardSession session = BoardSession.open(boardOptions, err)) {
            session.openPanel(out, err);       // before the program: the panel shows its first output too
            boolean stopped;
            try {
                stopped = session.runStoppedBySignal(() -> {
                    program.run(session.board().pico());
                    return null;
                });
            } finally {
                session.endLine();
            }
            if (stopped) {
                // before the close below: once the outputs are off, the signal ends the JVM
                err.println("picoloop: " + CtrlC.STOPPED + "; switching the outputs off");
                err.flush();
            }
        }
        return 0;
    }
}
