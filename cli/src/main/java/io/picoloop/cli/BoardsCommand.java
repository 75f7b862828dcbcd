package io.picoloop.cli;

import io.picoloop.install.BoardProbe;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "boards",
        description = {"Every connected Pico in a table: port, unique id, model, MicroPython version, and the bridge's"
                + " version or what runs instead.",
            "A board running the bridge or a program is stopped for a moment (to ask MicroPython) and restarted."})
final class BoardsCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "Only this port (repeatable). Default: every Raspberry Pi USB port.")
    List<String> ports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> chosen = ports != null ? ports : picoPorts();
        if (chosen.isEmpty()) {
            out.println(PortsCommand.NO_PICO);
            return ExitCode.PORT.code();
        }
        String format = "%-22s %-17s %-32s %-11s %s%n";
        out.printf(format, "port", "unique id", "model", "MicroPython", "runs");
        for (BoardProbe.Report r : probeAll(chosen)) {
            out.printf(format, r.port(), dash(r.uid()), dash(r.model()), dash(r.micropython()), r.running());
        }
        out.flush();
        return 0;
    }

    /** The ports with MicroPython's USB id, then the other Raspberry Pi ones (never a Debug Probe's). */
    static List<String> picoPorts() {
        Candidates c = PortScanner.candidates(PortScanner.allPorts(), PortScanner.RASPBERRY_PI_VID);
        List<String> out = new ArrayList<>();
        c.first().stream().map(PortInfo::path).forEach(out::add);
        c.then().stream().map(PortInfo::path).forEach(out::add);
        return out;
    }

    static List<BoardProbe.Report> probeAll(List<String> ports) {
        return ports.stream().map(BoardProbe::probe).toList();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
