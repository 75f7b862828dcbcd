package io.picoloop.cli;

import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ports",
        description = {"List serial ports; * marks those with the Raspberry Pi USB vendor id (2E8A).",
            "A marked port is a Pico (or another Raspberry Pi board); whether the picoloop bridge runs on it"
                    + " shows when a command connects to it."})
final class PortsCommand implements Callable<Integer> {

    /** How to get a Pico listed, after the line saying none is. */
    static final String PLUG_IN = "Plug the Pico in with a USB data cable (a charge-only cable shows no port); `ls /dev/ttyACM*`"
            + " then lists it (on a Raspberry Pi it shows as /dev/ttyACM0). Or add --sim to a command to use the"
            + " simulated Pico.";

    /** What to do when no port is a Raspberry Pi board (the lines after the list). */
    static final String NO_PICO = "no Pico found: no port has the Raspberry Pi USB vendor id 2E8A."
            + System.lineSeparator() + PLUG_IN;

    /** When the only Raspberry Pi ports are known by their ids not to be a Pico running MicroPython. */
    static final String NO_MICROPYTHON = "no Pico running MicroPython found: the Raspberry Pi USB ports listed are not one."
            + System.lineSeparator() + PLUG_IN;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        print(PortScanner.allPorts(), spec.commandLine().getOut());
        return 0;
    }

    /** Lists {@code ports} as the command does (tests pass made-up ones: no hardware needed). */
    static void print(List<PortInfo> ports, PrintWriter out) {
        if (ports.isEmpty()) {
            out.println("no serial ports found");
        }
        for (PortInfo p : ports) {
            boolean marked = p.vendorId() == PortScanner.RASPBERRY_PI_VID;
            out.println((marked ? "* " : "  ") + p + (p.kind().knownNotMicroPython() ? "  (" + p.kind().whatItIs() + ")" : ""));
        }
        // the same verdicts as picking a port without --port (PortChooser)
        Candidates picos = PortScanner.candidates(ports, PortScanner.RASPBERRY_PI_VID);
        if (picos.tried() == 0 && picos.notTried().isEmpty()) {
            out.println(NO_PICO);
        } else if (picos.tried() == 0) {
            out.println(NO_MICROPYTHON);
        }
        out.flush();
    }
}
