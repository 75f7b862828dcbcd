package io.picoloop.cli;

import picocli.CommandLine.Command;

/**
 * The top command: only its subcommands do something. Without one, {@link Main} reports a usage
 * error naming them.
 */
@Command(name = "picoloop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Drive a Raspberry Pi Pico from Java: blink LEDs, await buttons.",
            "Add --sim to any board command to use the built-in simulated Pico."},
        subcommands = {BlinkCommand.class, WatchCommand.class, DemoCommand.class, PortsCommand.class, InstallCommand.class,
            BoardsCommand.class, IdentifyCommand.class, DoctorCommand.class},
        footer = {"", FailureReporter.EXIT_CODES})
final class PicoloopCommand {
}
