package io.picoloop.cli;

import io.picoloop.install.BoardProbe;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Option(names = "--wait", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long each board has to answer before it counts as silent, e.g. 10s for a board"
                    + " just plugged in (its bridge starts in a few seconds). Default: 1s.")
    Duration wait = BoardProbe.LISTING;

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
        List<BoardProbe.Report> reports = probeAll(chosen, wait);
        for (BoardProbe.Report r : reports) {
            out.printf(format, r.port(), dash(r.uid()), dash(r.model()), dash(r.micropython()), r.running());
        }
        if (reports.stream().anyMatch(r -> r.running().equals(BoardProbe.SILENT))) {
            out.println("a board that said nothing within " + DurationConverter.text(wait) + " may still be starting:"
                    + " --wait 10s gives each board longer");
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

    /** Probes every port at once, each on its own thread: the listing takes as long as the slowest board. */
    static List<BoardProbe.Report> probeAll(List<String> ports, Duration wait) {
        try (ExecutorService each = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            List<Future<BoardProbe.Report>> reports = ports.stream().map(p -> each.submit(() -> BoardProbe.probe(p, wait))).toList();
            return reports.stream().map(BoardsCommand::result).toList();
        }
    }

    private static BoardProbe.Report result(Future<BoardProbe.Report> report) {
        try {
            return report.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.BOARD, "interrupted while the boards were being asked");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
