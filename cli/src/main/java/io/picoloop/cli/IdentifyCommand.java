package io.picoloop.cli;

import io.picoloop.install.BoardProbe;
import io.picoloop.install.Identify;
import io.picoloop.transport.PortScanner;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "identify",
        description = "Flash the onboard LED of the Pico with this unique id (`picoloop boards` lists them): which Pico is mine?")
final class IdentifyCommand implements Callable<Integer> {

    @Option(names = "--uid", required = true, paramLabel = "UID", description = "The board's unique id (hex), or its end.")
    String uid;

    @Option(names = "--port", paramLabel = "PORT", description = "Look only at this port (repeatable). Default: every Pico on USB.")
    List<String> ports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String wanted = uid.strip().toUpperCase();
        List<String> candidates = ports != null ? ports : byUsbSerial(wanted);
        for (String port : candidates) {
            BoardProbe.Report r = BoardProbe.probe(port, BoardProbe.LISTING);
            if (!r.uid().isEmpty() && r.uid().toUpperCase().endsWith(wanted)) {
                Identify.flash(r);
                spec.commandLine().getOut().println(port + ": " + r.uid() + " flashed its LED (" + r.model() + ")");
                return 0;
            }
        }
        throw new CliFailure(ExitCode.BOARD, "no Pico with unique id " + uid + " among " + candidates.size()
                + " port(s): `picoloop boards` lists the boards and their ids");
    }

    /** The port whose USB serial number is the id (MicroPython reports the unique id there); else every Pico port. */
    private static List<String> byUsbSerial(String wanted) {
        List<String> bySerial = PortScanner.raspberryPiPorts().stream()
                .filter(p -> p.serial() != null && p.serial().toUpperCase().endsWith(wanted)).map(p -> p.path()).toList();
        return bySerial.isEmpty() ? BoardsCommand.picoPorts() : bySerial;
    }
}
