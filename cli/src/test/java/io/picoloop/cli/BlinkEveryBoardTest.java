package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.Boards;
import io.picoloop.device.DeviceOptions;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.FirmwareOnPty.PinChange;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code blink --all}: two boards found on USB (pseudo-terminals dressed as Picos), one loop, one grid. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlinkEveryBoardTest {

    @Test
    void everyBoardBlinksItsPinAndIsLeftOff() throws Exception {
        try (FirmwareOnPty a = FirmwareOnPty.start("pico", "E661410300000001", null, "ttyPICO");
             FirmwareOnPty b = FirmwareOnPty.start("picow", "E661410300000002", null, "ttyPICO")) {
            List<PortInfo> ports = List.of(new PortInfo(a.port(), "Board CDC", 0x2E8A, 0x0005, "1"),
                    new PortInfo(b.port(), "Board CDC", 0x2E8A, 0x0005, "2"));
            DeviceOptions options = DeviceOptions.defaults();
            List<Board> boards = new ArrayList<>();
            Boards.openAll(ports, options, Boards.reconnect(options), new ArrayList<>())
                    .forEach(p -> boards.add(new Board(p, Optional.empty())));
            assertEquals(2, boards.size());
            StringWriter out = new StringWriter();
            int exit = BlinkEveryBoard.run(boards, "LED", 200, 100, 4L, null, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertEquals(0, exit);
            // GP25 on the Pico, the wireless chip's LED on the Pico W: each board's own LED
            assertFlashes(a.pinChanges("25"), 4);
            assertFlashes(b.pinChanges("LED"), 4);
            assertTrue(out.toString().contains("GP25 blinked 4 times on " + a.port() + " (uid E661410300000001)")
                    && out.toString().contains("LED blinked 4 times on " + b.port() + " (uid E661410300000002)"), out.toString());
        }
    }

    @Test
    void allNamesNoBoardSoItRefusesOptionsThatDo() {
        CliRun run = CliRun.of("blink", "--all", "--sim");
        assertEquals(FailureReporter.EXIT_USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--all takes every board on USB: drop --sim"), run.toString());
        run = CliRun.of("blink", "--all", "--uid", "E661410300000001");
        assertEquals(FailureReporter.EXIT_USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("drop --uid"), run.toString());
    }

    private static void assertFlashes(List<PinChange> changes, int flashes) {
        assertEquals(flashes, changes.stream().filter(c -> c.level() == 1).count(), changes.toString());
        assertEquals(0, changes.getLast().level(), "left off: " + changes);
    }
}
