package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.EmulatedPico;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code picoloop doctor} on emulated Picos (../shared/rp2040): one with the bridge, one without. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DoctorRigTest {

    @Test
    void aBoardWithTheBridgePassesTheBoardChecksAndABlankOneIsToldToInstall() throws IOException {
        String fw = BridgeBundle.load().version();
        try (EmulatedPico bridge = EmulatedPico.withBridge(); EmulatedPico blank = EmulatedPico.blank()) {
            CliRun run = CliRun.of("doctor", "--port", bridge.port());
            for (String line : new String[] {"✓ board answers: Raspberry Pi Pico with RP2040 on " + bridge.port(),
                "✓ MicroPython: MicroPython 1.28.0", "✓ bridge: running", "✓ bridge version: " + fw + ", as this picoloop's",
                "✓ protocol: version 1 on both sides", "✓ keepalive: the board switches its outputs off 3000 ms"}) {
                assertTrue(run.out().contains(line), line + "\n" + run);
            }
            CliRun none = CliRun.of("doctor", "--port", blank.port(), "--json");
            assertTrue(none.exitCode() == 1, none.toString());
            assertTrue(none.out().contains("\"check\":\"bridge\",\"ok\":false,\"needed\":true,\"detail\":\"not running (REPL)\","
                    + "\"fix\":\"picoloop install\""), none.toString());
            assertTrue(none.out().startsWith("{\"healthy\":false,"), none.toString());
        }
    }
}
