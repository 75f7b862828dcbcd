package io.picoloop.cli;

import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ports", mixinStandardHelpOptions = true,
        description = {"List serial ports; those with the Raspberry Pi USB vendor id (2E8A) are marked *.",
            "A marked port is a Pico (or another Raspberry Pi board); whether the picoloop bridge runs on it",
            "shows when a command connects to it."})
final class PortsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PortInfo> ports = PortScanner.allPorts();
        if (ports.isEmpty()) {
            out.println("no serial ports found");
        }
        for (PortInfo p : ports) {
            out.println((p.vendorId() == PortScanner.RASPBERRY_PI_VID ? "* " : "  ") + p);
        }
        out.flush();
        return 0;
    }
}
