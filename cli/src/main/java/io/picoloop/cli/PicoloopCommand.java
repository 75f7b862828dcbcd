package io.picoloop.cli;

import picocli.CommandLine.Command;

@Command(name = "picoloop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Drive a Raspberry Pi Pico from Java: blink LEDs, await buttons.",
            "Add --sim to any board command to use the built-in simulated Pico."},
        subcommands = {BlinkCommand.class, WatchCommand.class, DemoCommand.class, PortsCommand.class},
        footer = {"", "Exit codes: 0 done, 1 board or link failure, 2 usage or config error, 3 serial port missing, busy or not permitted."})
final class PicoloopCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
