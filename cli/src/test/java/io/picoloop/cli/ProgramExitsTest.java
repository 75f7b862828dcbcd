package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a user's program ends leaves every output low, through the one path of
 * {@link io.picoloop.Picoloop#run}, read back from the firmware's own pin record: the program
 * runs in its own JVM on the bridge firmware behind a pty, with {@code --keepalive 0} so that no
 * board-side timeout can be what switched them off. Before, Ctrl-C raced the serial library's
 * own shutdown hook and left the LEDs on with a stack trace, and a normal end left them on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgramExitsTest {

    @Test
    void ctrlCSwitchesTheOutputsOffSaysSoInOneLineAndExits130() throws Exception {
        signalled("INT", 130);
    }

    @Test
    void killSwitchesTheOutputsOffAndExits143() throws Exception {
        signalled("TERM", 143);
    }

    @Test
    void aNormalEndSwitchesTheOutputsOffAndExits0() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Ran run = run(fw, "end", null);
            assertEquals(0, run.exitCode, run.toString());
            assertAllOff(fw, run);
            assertEquals(List.of("picoloop: using"), run.errLines().stream().map(l -> l.substring(0, 15)).toList(),
                    "only the board's name on stderr: " + run);
        }
    }

    @Test
    void anUncaughtExceptionIsOneLineNamingWhereExit1AndTheOutputsOff() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Ran run = run(fw, "throw", null);
            assertEquals(1, run.exitCode, run.toString());
            assertAllOff(fw, run);
            assertEquals("picoloop: the program's own bug (IllegalStateException at Prog.java:"
                    + ProgramChild.THROW_LINE + ")", run.errLines().getLast(), run.toString());
        }
    }

    /**
     * The off goes out on the signal, not once the program's own cleanup is over: GP16 is low on
     * the board before the cleanup's last write (GP17 on, which the close's off puts out again).
     * Before, the off waited for every task's finally, the loop's end and the summary.
     */
    @Test
    void ctrlCSwitchesTheOutputsOffBeforeTheProgramsCleanupHasRun() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Ran run = run(fw, "slow-stop", "INT");
            assertEquals(130, run.exitCode, run.toString());
            assertAllOff(fw, run);
            List<FirmwareOnPty.PinChange> marker = fw.pinChanges("17");
            double cleanupEnd = marker.stream().filter(c -> c.level() == 1).findFirst()
                    .orElseThrow(() -> new AssertionError("the cleanup ran to its end: " + marker + run)).seconds();
            assertEquals(0, marker.getLast().level(), "GP17 is left off too: " + marker);
            double off = fw.pinChanges("16").getLast().seconds();
            assertTrue(off < cleanupEnd, "GP16 off at " + off + " s, before the cleanup ended at " + cleanupEnd + " s" + run);
        }
    }

    /**
     * The JDK's exit logging is set up before the signal, not on its path: the handler thread asks
     * it first and starts the shutdown hooks (the off) only after (io.picoloop.loop.ExitLoggerWarmUp).
     * Before, its classes were loaded after the signal, 2.8 ms of a 5.6 ms signal-to-off.
     */
    @Test
    void theExitLoggerIsReadyBeforeTheSignal() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Path log = Files.createTempDirectory("picoloop-exit-log").resolve("classes.log");
            ProcessBuilder b = ProgramChild.builder("wait", "--port", fw.port(), "--keepalive", "0");
            b.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log);
            Process p = b.start();
            try {
                p.getOutputStream().close();
                ChildOutput out = ChildOutput.of(p.getInputStream());
                ChildOutput err = ChildOutput.of(p.getErrorStream());
                ChildOutput.await(out::text, "lit", p);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!loaded(log, "jdk.internal.logger.LazyLoggers ") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(loaded(log, "jdk.internal.logger.LazyLoggers "), "the exit logger set up while the program runs\n" + err.text());
                p.toHandle().destroy();
                assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(60)), "ends: " + out.text() + err.text());
                assertEquals(143, p.exitValue(), err.text());
                assertAllOff(fw, new Ran(p.exitValue(), out.text(), err.text(), 0));
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static boolean loaded(Path log, String className) throws java.io.IOException {
        return Files.exists(log) && Files.readString(log).contains(className);
    }

    private static void signalled(String signal, int exitCode) throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Ran run = run(fw, "wait", signal);
            assertEquals(exitCode, run.exitCode, run.toString());
            assertAllOff(fw, run);
            assertEquals("picoloop: " + CtrlC.STOPPED + "; switching the outputs off", run.errLines().getLast(),
                    run.toString());
            // the pty firmware's record is on this JVM's clock (CLOCK_MONOTONIC): from the kill to the off
            // (for INT that includes starting the kill command)
            double offAt = fw.pinChanges("16").getLast().seconds();
            System.err.printf("SIG%s: GP16 off %.1f ms after the signal was sent%n", signal,
                    (offAt - run.signalledAtSeconds) * 1000);
            assertTrue(offAt > run.signalledAtSeconds, "switched off after the signal, not before: " + run);
        }
    }

    private static void assertAllOff(FirmwareOnPty fw, Ran run) throws Exception {
        for (String pin : List.of("16", "25")) {
            List<FirmwareOnPty.PinChange> changes = fw.pinChanges(pin);
            assertTrue(changes.stream().anyMatch(c -> c.level() == 1), "GP" + pin + " was lit: " + changes + run);
            assertEquals(0, changes.getLast().level(), "GP" + pin + " is left off: " + changes + run);
        }
        assertFalse(run.err.contains("\tat ") || run.err.contains("Exception in thread"), "no stack trace: " + run);
    }

    private record Ran(int exitCode, String out, String err, double signalledAtSeconds) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "\nexit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /** Runs Prog.java on the pty's board; with {@code signal}, sends it once the LEDs are lit. */
    private static Ran run(FirmwareOnPty fw, String how, String signal) throws Exception {
        Process p = ProgramChild.builder(how, "--port", fw.port(), "--keepalive", "0").start();
        try {
            p.getOutputStream().close();
            ChildOutput out = ChildOutput.of(p.getInputStream());
            ChildOutput err = ChildOutput.of(p.getErrorStream());
            double signalledAt = 0;
            if (signal != null) {
                ChildOutput.await(out::text, "lit", p);
                signalledAt = System.nanoTime() / 1e9;
                if (signal.equals("TERM")) {
                    p.toHandle().destroy();     // SIGTERM from this JVM (no kill process to start; Process.destroy would close its streams)
                } else {
                    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
                }
            }
            assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(60)), "ends: " + out + err);
            Thread.sleep(100);      // the output readers
            return new Ran(p.exitValue(), out.text(), err.text(), signalledAt);
        } finally {
            p.destroyForcibly();
        }
    }
}
