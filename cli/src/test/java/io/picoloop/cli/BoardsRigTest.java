package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.testing.SilentPort;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code picoloop boards} and {@code identify} on emulated Picos (../shared/rp2040): one with the bridge, one at the REPL. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoardsRigTest {

    @Test
    void tableSaysWhatRunsOnEachBoardAndIdentifyFlashesTheLedOfTheOneAsked() throws IOException {
        try (EmulatedPico bridge = EmulatedPico.withBridge(); EmulatedPico blank = EmulatedPico.blank();
             SilentPort silent = new SilentPort()) {
            CliRun run = CliRun.of("boards", "--port", bridge.port(), "--port", blank.port(), "--port", silent.path());
            assertEquals(0, run.exitCode(), run.toString());
            List<String> lines = run.out().lines().toList();
            assertEquals(5, lines.size(), run.toString());
            String fw = BridgeBundle.load().version();
            // the rig's flash has no unique id: all zeros
            assertTrue(lines.get(1).matches("\\S+ +0{16} +Raspberry Pi Pico with RP2040 +1\\.28\\.0 +bridge " + fw.replace(".", "\\.")),
                    run.toString());
            assertTrue(lines.get(2).matches("\\S+ +0{16} +Raspberry Pi Pico with RP2040 +1\\.28\\.0 +REPL"), run.toString());
            assertTrue(lines.get(3).endsWith(io.picoloop.install.BoardProbe.SILENT), run.toString());
            assertTrue(lines.get(4).contains("--wait 10s gives each board longer"), run.toString());

            CliRun id = CliRun.of("identify", "--uid", "0000", "--port", bridge.port());
            assertEquals(0, id.exitCode(), id.toString());
            List<EmulatedPico.LogLine> changes = bridge.outputChanges(25);
            // made an output (low), then 8 flashes: 16 toggles; nothing drove GP25 before
            assertEquals(17, changes.size(), changes.toString());
            assertEquals(8, changes.stream().filter(c -> c.level() == 1).count(), changes.toString());
            assertEquals(0, changes.getLast().level(), "the LED is left off");
        }
    }
}
