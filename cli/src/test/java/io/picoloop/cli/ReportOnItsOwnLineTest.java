package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's panel redraws one line in place on a terminal; a report from the loop's watchdog
 * (its own thread, stderr, the same terminal) starts a line of its own instead of landing on the
 * panel's ("GP16 ●  LED ●picoloop: task 'main' has held ...").
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReportOnItsOwnLineTest {

    @Test
    void aWatchdogReportStartsOnALineOfItsOwnAfterThePanel() throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            File terminal = new File(tty.path());
            Process p = ProgramChild.builder("block", "--sim").redirectOutput(terminal).redirectError(terminal)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(90)), "ends: " + tty.shown());
                assertEquals(0, p.exitValue(), tty.shown());
                ChildOutput.await(tty::shown, "held the loop", p);
                String shown = tty.shown();
                int report = shown.indexOf("picoloop: task 'main' ");
                assertTrue(report > 0 && shown.charAt(report - 1) == '\n', "the report begins a line: " + shown);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
