package io.picoloop.cli;

import io.picoloop.doctor.Check;
import io.picoloop.doctor.Doctor;
import io.picoloop.doctor.HostChecks;
import io.picoloop.install.BridgeBundle;
import io.picoloop.transport.PortScanner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor",
        description = {"Check this computer and the Pico: one line each, ✓ or ✗ with the fix (! marks advice picoloop"
                + " does not need).", "Exit code 0 only when everything picoloop needs is fine."})
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "The Pico's port. Default: the Pico found on USB.")
    String port;

    @Option(names = "--json", description = "One JSON object per check in a list, for a teacher's script.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = Doctor.run(port, PortScanner.allPorts(), HostChecks.here(), BridgeBundle.load());
        boolean healthy = Doctor.healthy(checks);
        if (json) {
            out.println("{\"healthy\":" + healthy + ",\"checks\":[");
            for (int i = 0; i < checks.size(); i++) {
                out.println("  " + checks.get(i).json() + (i < checks.size() - 1 ? "," : ""));
            }
            out.println("]}");
        } else {
            checks.forEach(c -> out.println(c.line()));
        }
        out.flush();
        return healthy ? 0 : ExitCode.BOARD.code();
    }
}
