package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.FirmwareOnPty.PwmChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code picoloop pwm}, {@code read} and {@code demo dimmer} over the real bridge firmware (CPython,
 * behind a pty, its machine stand-in recording PWM settings and serving ADC values): what the
 * user sees and the PWM output the board ends with, low at every end.
 */
class PwmAnalogOverPtyTest {

    @Test
    void pwmSetsTheBoardsDutyAndFrequencyThenLeavesItLow() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            CliRun run = CliRun.of("pwm", "--pin", "16", "--duty", "25%", "--freq", "2000", "--duration", "300ms",
                    "--port", fw.port());
            assertEquals(0, run.exitCode(), run + "\nfirmware:\n" + fw.readLog());
            assertTrue(run.out().contains("GP16 (red) at 25% duty, 2000 Hz on "), run.toString());
            List<PwmChange> changes = fw.pwmChanges(16);
            int quarter = (int) Math.round(0.25 * Protocol.PWM_DUTY_MAX);
            assertTrue(changes.stream().anyMatch(c -> c.duty() == quarter && c.frequencyHz() == 2000), changes.toString());
            assertEquals(0, changes.getLast().duty(), "left low: " + changes);
        }
    }

    /** Ctrl-C (SIGINT) to a real picoloop process holding a duty: the output ends low. */
    @Test
    void ctrlCLeavesThePwmOutputLow() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("pwm", "--pin", "16", "--duty", "75%",
                    "--port", fw.port())).redirectErrorStream(true).start();
            try {
                int threeQuarters = (int) Math.round(0.75 * Protocol.PWM_DUTY_MAX);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (fw.pwmChanges(16).stream().noneMatch(c -> c.duty() == threeQuarters)) {
                    assertTrue(cli.isAlive() && System.nanoTime() < deadline, "GP16 never went to 75%: " + fw.readLog());
                    Thread.sleep(20);       // the record is a file: nothing to wait on but its content
                }
                new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
                assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "picoloop exits after Ctrl-C");
                String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(ExitCode.CTRL_C.code(), cli.exitValue(), out);
                assertTrue(out.contains("GP16 (red) was at 75%, stopped by Ctrl-C or a kill signal; left low"), out);
                assertEquals(0, fw.pwmChanges(16).getLast().duty(), "left low: " + fw.pwmChanges(16));
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    @Test
    void readGivesTheBoardsValueOnceAndAsAStream() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            fw.setAnalog("26", 12345);
            CliRun once = CliRun.of("read", "--pin", "26", "--port", fw.port());
            assertEquals(0, once.exitCode(), once + "\nfirmware:\n" + fw.readLog());
            List<MatchResult> one = PwmAnalogCommandsTest.READING.matcher(once.out()).results().toList();
            assertEquals(1, one.size(), once.toString());
            // the RP2040's ADC has 12 bits: read_u16 scales them to 16, within one step (16) of what was set
            assertEquals(12345, Integer.parseInt(one.get(0).group(2)), 16, once.toString());

            fw.setAnalog("27", 40000);
            CliRun stream = CliRun.of("read", "--pin", "27", "--every", "20ms", "--count", "10", "--port", fw.port());
            assertEquals(0, stream.exitCode(), stream + "\nfirmware:\n" + fw.readLog());
            List<MatchResult> samples = PwmAnalogCommandsTest.READING.matcher(stream.out()).results().toList();
            assertEquals(10, samples.size(), stream.toString());
            assertTrue(samples.stream().allMatch(m -> Math.abs(Integer.parseInt(m.group(2)) - 40000) <= 16), stream.toString());
            double first = Double.parseDouble(samples.getFirst().group(6));
            double last = Double.parseDouble(samples.getLast().group(6));
            assertEquals(0.020, (last - first) / (samples.size() - 1), 0.005, "the board's spacing: " + stream);
            assertTrue(stream.out().contains("GP27: 10 samples, 0 lost"), stream.toString());
        }
    }

    /** The dimmer sets the LED's duty to the pot's value (both 0-65535), and leaves it low. */
    @Test
    void theDimmersLedDutyIsThePotsValue() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            fw.setAnalog("26", 30000);
            CliRun read = CliRun.of("read", "--pin", "26", "--port", fw.port());
            int pot = Integer.parseInt(PwmAnalogCommandsTest.READING.matcher(read.out()).results().findFirst()
                    .orElseThrow(() -> new AssertionError(read.toString())).group(2));     // as the board's ADC reads it
            CliRun run = CliRun.of("demo", "dimmer", "--duration", "1s", "--port", fw.port());
            assertEquals(0, run.exitCode(), run + "\nfirmware:\n" + fw.readLog());
            List<PwmChange> changes = fw.pwmChanges(16);
            assertTrue(changes.stream().anyMatch(c -> c.duty() == pot), "the LED at the pot's value: " + changes);
            assertEquals(0, changes.getLast().duty(), "left low: " + changes);
            assertTrue(run.out().contains("GP16 (red) followed the potentiometer over"), run.toString());
        }
    }

    /** A board that stalls (SIGSTOP) misses samples: read says each loss, and its summary counts them. */
    @Test
    void readSaysTheSamplesTheBoardCouldNotTake() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                    new PrintWriter(err, true), "read", "--pin", "26", "--every", "10ms", "--duration", "3s", "--port", fw.port()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (PwmAnalogCommandsTest.READING.matcher(out.toString()).results().count() < 3 && !cli.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);       // the CLI's output is text: nothing to wait on but its content
            }
            assertTrue(PwmAnalogCommandsTest.READING.matcher(out.toString()).find(), out + "\n" + err + "\n" + fw.readLog());
            fw.pause();
            Thread.sleep(300);          // the board stalls for thirty periods: a stimulus, not a synchronisation
            fw.resume();
            int code = cli.get(30, TimeUnit.SECONDS);
            String text = out.toString();
            assertEquals(0, code, text + "\n" + err + "\n" + fw.readLog());
            long said = Pattern.compile("(?m)^lost (\\d+) samples? \\(the board could not take them in time\\)$").matcher(text)
                    .results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
            assertTrue(said > 0, "the stall's samples are said lost: " + text);
            Matcher summary = Pattern.compile("GP26: (\\d+) samples, (\\d+) lost").matcher(text);
            assertTrue(summary.find(), text);
            assertEquals(said, Long.parseLong(summary.group(2)), text);
            assertEquals(PwmAnalogCommandsTest.READING.matcher(text).results().count(), Long.parseLong(summary.group(1)), text);
        }
    }
}
