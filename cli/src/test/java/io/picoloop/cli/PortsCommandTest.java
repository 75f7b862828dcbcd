package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.transport.PortScanner;
import org.junit.jupiter.api.Test;

class PortsCommandTest {

    @Test
    void listsEveryPortTheSystemHasAndMarksRaspberryPiOnes() {
        CliRun run = CliRun.of("ports");
        assertEquals(0, run.exitCode(), run.toString());
        var ports = PortScanner.allPorts();
        if (ports.isEmpty()) {
            assertEquals("no serial ports found", run.out().strip());
        }
        for (var p : ports) {
            String mark = p.vendorId() == PortScanner.RASPBERRY_PI_VID ? "* " : "  ";
            assertTrue(run.out().contains(mark + p), run.toString());
        }
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("blink") && run.out().contains("ports"), run.toString());
        assertTrue(run.out().contains("Exit codes"), run.toString());
        assertTrue(run.out().contains("Usage: picoloop"), run.toString());
    }
}
