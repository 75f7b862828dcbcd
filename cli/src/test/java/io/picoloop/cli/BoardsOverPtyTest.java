package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BoardProbe;
import io.picoloop.install.BridgeBundle;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.SilentPort;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code picoloop boards} is quick and honest about a silent port: the bridge firmware under
 * CPython behind a pty answers at once, and two ptys where nothing answers (a program that does not
 * read the port) are asked at the same time, each for the short listing allowance only, not the
 * handshake's 10 s boot allowance each.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoardsOverPtyTest {

    @Test
    void silentPortsAreAskedTogetherBrieflyAndLabelledAsSuch() throws IOException {
        try (FirmwareOnPty bridge = FirmwareOnPty.start("pico"); SilentPort a = new SilentPort(); SilentPort b = new SilentPort()) {
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("boards", "--port", a.path(), "--port", b.path(), "--wait", "1s");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, run.exitCode(), run.toString());
            List<String> lines = run.out().lines().toList();
            assertEquals(4, lines.size(), run.toString());
            assertTrue(lines.get(1).matches(Pattern.quote(a.path()) + " +- +- +- +" + Pattern.quote(BoardProbe.SILENT)), run.toString());
            assertTrue(lines.get(2).matches(Pattern.quote(b.path()) + " +- +- +- +" + Pattern.quote(BoardProbe.SILENT)), run.toString());
            assertEquals("a board that said nothing within 1 s may still be starting: --wait 10s gives each board longer",
                    lines.get(3), run.toString());
            // one silent port costs 2 x 1 s (the ping, then Ctrl-C) plus opening and closing it twice (about 3 s on
            // a pty nobody reads); asked one after the other two cost about 6 s, given the boot allowance over 20 s
            assertTrue(ms < 5_000, "took " + ms + " ms\n" + run);

            // the bridge answers its ping at once and is named with its version (the stand-in has no raw REPL:
            // no MicroPython version)
            CliRun withBridge = CliRun.of("boards", "--port", bridge.port());
            String fw = BridgeBundle.load().version();
            assertTrue(withBridge.out().lines().toList().get(1).matches(Pattern.quote(bridge.port())
                    + " +E6614103E7452D2F +Raspberry Pi Pico with RP2040 +- +bridge " + Pattern.quote(fw)), withBridge.toString());
        }
    }
}
