package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsCommandTest {

    @Test
    void listsEveryPortTheSystemHasAndMarksRaspberryPiOnes() {
        CliRun run = CliRun.of("ports");
        assertEquals(0, run.exitCode(), run.toString());
        var ports = PortScanner.allPorts();
        if (ports.isEmpty()) {
            assertTrue(run.out().startsWith("no serial ports found"), run.toString());
        }
        for (var p : ports) {
            String mark = p.vendorId() == PortScanner.RASPBERRY_PI_VID ? "* " : "  ";
            assertTrue(run.out().contains(mark + p), run.toString());
        }
        assertTrue(!run.out().contains("FFFFFFFF") && !run.out().contains("serial Unknown"), run.toString());
    }

    /** A machine with only a built-in UART (jSerialComm: ids -1, serial "Unknown"): no made-up ids, and the fix. */
    @Test
    void aMachineWithoutAPicoGetsThePortWithoutIdsAndHowToPlugThePicoIn() {
        String out = print(new PortInfo("/dev/ttyS0", "Physical Port S0", -1, -1, "Unknown"));
        List<String> lines = out.lines().toList();
        assertEquals("  /dev/ttyS0  Physical Port S0", lines.getFirst(), out);
        assertEquals("no Pico found: no port has the Raspberry Pi USB vendor id 2E8A.", lines.get(1), out);
        assertTrue(lines.get(2).contains("Plug the Pico in with a USB data cable")
                && lines.get(2).contains("`ls /dev/ttyACM*`")
                && lines.get(2).contains("on a Raspberry Pi it shows as /dev/ttyACM0")
                && lines.get(2).contains("--sim"), out);
        assertEquals(3, lines.size(), out);
    }

    @Test
    void noPortsAtAllSaysSoAndHowToPlugThePicoIn() {
        String out = print();
        assertTrue(out.startsWith("no serial ports found" + System.lineSeparator() + "no Pico found"), out);
        assertTrue(out.contains("`ls /dev/ttyACM*`") && out.contains("--sim"), out);
    }

    @Test
    void aPicoIsMarkedWithItsIdsAndSerialAndNeedsNoAdvice() {
        String out = print(new PortInfo("/dev/ttyS0", "Physical Port S0", -1, -1, "Unknown"),
                new PortInfo("/dev/ttyACM0", "Board in FS mode", 0x2E8A, 0x0005, "E6614103E7452D2F"));
        assertEquals(List.of("  /dev/ttyS0  Physical Port S0",
                "* /dev/ttyACM0  2E8A:0005  Board in FS mode  serial E6614103E7452D2F"), out.lines().toList());
    }

    @Test
    void anotherUsbSerialDeviceShowsItsIdsAndStillGetsTheAdvice() {
        String out = print(new PortInfo("/dev/ttyUSB0", "FT232R USB UART", 0x0403, 0x6001, "A50285BI"));
        assertTrue(out.startsWith("  /dev/ttyUSB0  0403:6001  FT232R USB UART  serial A50285BI"
                + System.lineSeparator() + "no Pico found"), out);
    }

    /** A Debug Probe has the Raspberry Pi vendor id but is no Pico: it says so, and without a Pico the advice follows. */
    @Test
    void aDebugProbeIsNamedAsSuchAndIsNoPico() {
        String out = print(new PortInfo("/dev/ttyACM0", "Debugprobe on Pico (CMSIS-DAP)", 0x2E8A, 0x000C, "E6633861A3"));
        List<String> lines = out.lines().toList();
        assertEquals("* /dev/ttyACM0  2E8A:000C  Debugprobe on Pico (CMSIS-DAP)  serial E6633861A3"
                + "  (a Debug Probe, not a Pico running MicroPython)", lines.getFirst(), out);
        assertEquals("no Pico running MicroPython found: the Raspberry Pi USB ports listed are not one.", lines.get(1), out);
        assertTrue(lines.get(2).contains("Plug the Pico in with a USB data cable"), out);
        assertEquals(3, lines.size(), out);
    }

    @Test
    void aDebugProbeBesideAPicoNeedsNoAdvice() {
        String out = print(new PortInfo("/dev/ttyACM0", "Board in FS mode", 0x2E8A, 0x0005, "E661"),
                new PortInfo("/dev/ttyACM1", "Debugprobe", 0x2E8A, 0x000C, "E663"));
        assertEquals(2, out.lines().count(), out);
    }

    /** picocli wraps the description at the help's width; a line broken early in the source shows as a ragged line. */
    @Test
    void helpDescriptionIsWrappedOnlyAtTheWidth() {
        CliRun run = CliRun.of("ports", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        List<String> description = lines.subList(1, lines.indexOf(lines.stream()
                .filter(l -> l.strip().startsWith("-h")).findFirst().orElseThrow()));
        assertTrue(String.join(" ", description).contains(
                "whether the picoloop bridge runs on it shows when a command connects to it."), run.toString());
        for (int i = 0; i + 1 < description.size(); i++) {
            String line = description.get(i);
            String nextWord = description.get(i + 1).strip().split(" ")[0];
            assertTrue(line.endsWith(".") || line.length() + 1 + nextWord.length() > 80,
                    "\"" + line + "\" is broken before \"" + nextWord + "\", which fits:\n" + run.out());
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

    private static String print(PortInfo... ports) {
        StringWriter out = new StringWriter();
        PortsCommand.print(List.of(ports), new PrintWriter(out));
        return out.toString();
    }
}
