package io.picoloop.cli;

import io.picoloop.Picoloop;
import picocli.CommandLine.Command;

/**
 * A user's program as a command ({@link Picoloop#run}): the board options of every board command,
 * the simulated board's panel, Ctrl-C and the switch-off at the end, all as for {@code blink}. A
 * command line of its own ({@link ProgramRunner}), so it has no top command to inherit the help and
 * version options from.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A picoloop program. Without --sim or --port it uses the Pico where the bridge answers.",
            "With --sim the simulated Pico's outputs are shown here and the keyboard is its buttons ("
                    + BoardSession.SIM_KEYS + ")."})
final class ProgramCommand extends BoardCommand {

    private final Picoloop.Program program;

    ProgramCommand(Picoloop.Program program) {
        this.program = program;
    }

    /** Before the program: the panel shows its first output too. */
    @Override
    void prepare(BoardSession session) {
        session.openPanel(out(), err());
    }

    @Override
    void run(BoardSession session) throws Exception {
        program.run(session.board().pico());
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        if (stoppedBy != null) {
            // before the session's close: once the outputs are off, the signal ends the JVM
            err().println("picoloop: " + stoppedBy + "; switching the outputs off");
        }
    }
}
