package io.picoloop.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The top command: only its subcommands do something. Without one, {@link Main} reports a usage
 * error naming them. Its help and version options, and the list of exit codes {@link Main} gives
 * its help, are every subcommand's too (scope INHERIT).
 */
@Command(name = "picoloop", scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Drive a Raspberry Pi Pico from Java: blink LEDs, await buttons.",
            "Add --sim to any board command to use the built-in simulated Pico.",
            "Your own Java program: ./picoloop MyProgram.java --sim (README: Programs in Java)."})
final class PicoloopCommand {

    /**
     * The subcommands, in the order the help lists them. Not in the annotation: picocli would
     * build every command's model on each start, and {@link Main} adds only the one it runs.
     */
    static final List<Class<?>> COMMANDS =
            List.of(BlinkCommand.class, WatchCommand.class, PwmCommand.class, FadeCommand.class, ReadCommand.class, DemoCommand.class, PortsCommand.class, InstallCommand.class,
                    BoardsCommand.class, IdentifyCommand.class, DoctorCommand.class);
}
