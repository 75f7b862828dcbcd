package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.FirmwareOnPty.PinChange;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole stack: the picoloop CLI opens a pseudo-terminal with jSerialComm, exactly as it would
 * open /dev/ttyACM0, and the real bridge firmware (under CPython, with a machine.Pin stand-in
 * that records every change with a timestamp) drives GP25.
 */
class BlinkOverPtyTest {

    @Test
    void gp25TogglesWithTheRequestedPeriodAndEndsLow() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            CliRun run = CliRun.of("blink", "--pin", "25", "--period", "500", "--count", "6", "--port", fw.port());
            assertEquals(0, run.exitCode(), run + "\nfirmware:\n" + fw.readLog());
            assertTrue(run.out().contains("GP25 blinked 6 times"), run.toString());

            List<PinChange> changes = fw.pinChanges("25");
            List<PinChange> ons = levelChanges(changes, 1);
            List<PinChange> offs = levelChanges(changes, 0);
            assertEquals(6, ons.size(), "six flashes in the firmware's record: " + changes);
            assertEquals(0, changes.getLast().level(), "GP25 ends low: " + changes);

            // Absolute deadlines: the average period is exact even if one flash was late.
            double meanPeriod = (ons.getLast().seconds() - ons.getFirst().seconds()) / (ons.size() - 1);
            assertEquals(0.500, meanPeriod, 0.030, "mean period, from the firmware's record: " + ons);
            for (int i = 1; i < ons.size(); i++) {
                double period = ons.get(i).seconds() - ons.get(i - 1).seconds();
                assertEquals(0.500, period, 0.200, "period " + i + " (generous for a busy machine)");
            }
            for (PinChange on : ons) {
                PinChange off = offs.stream().filter(o -> o.seconds() > on.seconds()).findFirst().orElseThrow();
                assertEquals(0.250, off.seconds() - on.seconds(), 0.200, "on time of the flash at " + on.seconds());
            }
            assertTrue(fw.isAlive(), "the firmware keeps running after the host leaves");
        }
    }

    /** Ctrl-C (SIGINT) to a real picoloop process: the task's cleanup runs and the LED is left low. */
    @Test
    void ctrlCLeavesTheLedLow() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Process cli = new ProcessBuilder(javaCommand("blink", "--pin", "LED", "--period", "200", "--on", "150",
                    "--port", fw.port())).redirectErrorStream(true).start();
            try {
                waitForChanges(fw, 4, cli);       // on, off, on, off ... it is blinking
                waitUntilOn(fw, cli);             // interrupt while the LED is on
                new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
                assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "picoloop exits after Ctrl-C");
                String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(130, cli.exitValue(), out);
                assertTrue(out.contains("stopped by Ctrl-C or a kill signal; left off"), out);
                List<PinChange> changes = fw.pinChanges("25");
                assertEquals(0, changes.getLast().level(), "GP25 left low: " + changes);
            } finally {
                cli.destroyForcibly();      // a failed run must not leave a picoloop process behind
            }
        }
    }

    /**
     * SIGKILL (no shutdown hook, no finally block runs) while the LED is on: only the board's
     * keepalive can switch it off. The firmware's own pin record must show that it stayed on while
     * the host lived (idle, feeding the keepalive) and went low soon after the kill.
     */
    @Test
    void killedHostsLedGoesLowOnceTheKeepaliveRunsOut() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            // on for 59 s of each minute: only the keepalive can turn it off within this test
            Process cli = new ProcessBuilder(javaCommand("blink", "--pin", "LED", "--period", "60000", "--on", "59000",
                    "--keepalive", "500ms", "--port", fw.port())).redirectErrorStream(true).start();
            try {
                waitForChanges(fw, 2, cli);       // made an output (low), then on
                waitUntilOn(fw, cli);
                PinChange on = fw.pinChanges("25").getLast();
                Thread.sleep(1500);               // three keepalives with the host alive and idle...
                assertEquals(on, fw.pinChanges("25").getLast(), "...which keeps it fed: the LED stays on");
                cli.destroyForcibly();            // SIGKILL
                long killed = System.nanoTime();
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(10)), "the killed JVM ended");
                PinChange off = null;
                while (off == null && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
                    off = fw.pinChanges("25").stream().filter(c -> c.seconds() > on.seconds()).findFirst().orElse(null);
                    Thread.sleep(10);         // the record is a file: nothing to wait on but its content
                }
                double seenAfterKill = (System.nanoTime() - killed) / 1e9;
                assertTrue(off != null, "GP25 still on 10 s after the host was killed: " + fw.pinChanges("25")
                        + "\nfirmware log:\n" + fw.readLog());
                assertEquals(0, off.level(), "GP25 switched off: " + fw.pinChanges("25"));
                assertEquals(off, fw.pinChanges("25").getLast(), "and left off: " + fw.pinChanges("25"));
                assertTrue(seenAfterKill < 0.5 + 2.5, "off seen " + seenAfterKill + " s after the kill (keepalive 0.5 s)");
                assertTrue(fw.isAlive(), "the firmware keeps running");
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    private static void waitForChanges(FirmwareOnPty fw, int n, Process cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fw.pinChanges("25").size() < n) {
            assertTrue(cli.isAlive(), () -> "picoloop ended early: " + drain(cli) + "\nfirmware log:\n" + fw.readLog());
            assertTrue(System.nanoTime() < deadline, "GP25 did not start blinking: " + fw.readLog());
            Thread.sleep(20);
        }
    }

    private static void waitUntilOn(FirmwareOnPty fw, Process cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fw.pinChanges("25").getLast().level() != 1) {
            assertTrue(cli.isAlive() && System.nanoTime() < deadline, "GP25 never went on");
            Thread.sleep(5);
        }
    }

    private static String drain(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static List<PinChange> levelChanges(List<PinChange> changes, int level) {
        // the first record is the pin becoming an output (low); flashes are the changes after it
        return changes.stream().skip(1).filter(c -> c.level() == level).toList();
    }

    /** picoloop in a child JVM on this test's classpath, as the launcher would run the jar. */
    /**
     * Deliberately without --add-opens java.base/java.lang: this child also covers the
     * fallback a library user without the flag gets (tasks on the JDK's shared pool).
     */
    static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static {
        // make sure the classpath really is this test's, not a surefire booter jar alone
        assert System.getProperty("java.class.path").contains(File.pathSeparator);
    }
}
