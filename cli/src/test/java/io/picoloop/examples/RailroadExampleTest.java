package io.picoloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.RepoRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * examples/pi4j-railroad/RailroadCrossing.java run as {@code ./picoloop RailroadCrossing.java ARGS}
 * runs it (Java's source-file mode, the launcher's flags), on the simulated Pico: what the user
 * sees is the panel's lines and the exit code. The simulator's script lines (press, release) are
 * its button; the test class path has a stand-in for the Pi's GPIO (PiGpioStandIn), which nobody
 * presses here, so the button is the Pico's ({@code --pico-button 14}, the kit's).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RailroadExampleTest {

    private static final List<String> OUTPUTS = List.of("red", "yellow", "LED");

    @Test
    void aPressStartsTheFlashingAndCtrlCSwitchesEverythingOffInOneLine() throws Exception {
        Child child = Child.start("--sim", "--pico-button", "14");
        try {
            child.await("ready: press the button");
            child.type("press\nwait 100\nrelease\n");
            child.await("crossing ON");
            child.await("red on");
            child.await("yellow on");
            new ProcessBuilder("kill", "-INT", Long.toString(child.process.pid())).start().waitFor();
            String out = child.end();
            assertEquals(130, child.process.exitValue(), out);
            assertAllOff(out);
            assertTrue(out.contains("picoloop: stopped by Ctrl-C") && out.contains("; switching the outputs off"), out);
            assertFalse(out.contains("held the loop"), "the example's own start-up does not hold the loop:\n" + out);
        } finally {
            child.process.destroyForcibly();
        }
    }

    @Test
    void onAndOffAgainThenTheEndOfSecondsExitsZeroWithTheLightsOff() throws Exception {
        Child child = Child.start("--sim", "--pico-button", "14", "--seconds", "4");
        try {
            child.await("ready: press the button");
            child.type("press\nwait 100\nrelease\n");
            child.await("crossing ON");
            child.await("red on");
            child.type("press\nwait 100\nrelease\n");
            child.await("crossing off");
            String out = child.end();
            assertEquals(0, child.process.exitValue(), out);
            assertAllOff(out);
        } finally {
            child.process.destroyForcibly();
        }
    }

    @Test
    void aWrongOptionIsOneLineNamingTheHelpAndExit2() throws Exception {
        Child child = Child.start("--sim", "--pico-buton", "14");
        String out = child.end();
        assertEquals(2, child.process.exitValue(), out);
        assertEquals(List.of("picoloop: Unknown options: '--pico-buton', '14' (did you mean --pico-button?); "
                + "see RailroadCrossing --help"), out.lines().toList());
    }

    @Test
    void theHelpListsTheExamplesOptionsWithTheBoardOptions() throws Exception {
        Child child = Child.start("--help");
        String out = child.end();
        assertEquals(0, child.process.exitValue(), out);
        for (String option : List.of("--sim", "--port", "--config", "--button", "--pico-button", "--seconds")) {
            assertTrue(out.contains(option), option + " in the help:\n" + out);
        }
    }

    private static void assertAllOff(String out) {
        for (String name : OUTPUTS) {
            List<String> states = out.lines().map(String::strip)
                    .filter(l -> l.endsWith(" " + name + " on") || l.endsWith(" " + name + " off")).toList();
            assertTrue(states.stream().anyMatch(s -> s.endsWith(" on")), name + " was lit:\n" + out);
            assertTrue(states.getLast().endsWith(" off"), name + " is left off:\n" + out);
        }
        assertFalse(out.contains("\tat ") || out.contains("Exception in thread"), "no stack trace:\n" + out);
    }

    /** The example in its own JVM; stdout and stderr together in a file, stdin a pipe. */
    private record Child(Process process, Path output, OutputStream stdin) {

        static Child start(String... args) throws IOException {
            Path output = Files.createTempFile("railroad", ".txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"),
                    RepoRoot.get().resolve("examples/pi4j-railroad/RailroadCrossing.java").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
            b.environment().remove("PICOLOOP_DEBUG");
            Process p = b.start();
            return new Child(p, output, p.getOutputStream());
        }

        String text() throws IOException {
            return Files.readString(output).replace('\r', '\n');
        }

        /** Waits until the output shows {@code wanted}: a child JVM is slow to start on a busy machine. */
        void await(String wanted) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!text().contains(wanted) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(10);
            }
            assertTrue(text().contains(wanted), "no \"" + wanted + "\" (alive: " + process.isAlive() + "):\n" + text());
        }

        void type(String lines) throws IOException {
            stdin.write(lines.getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }

        /** Waits for the end (stdin stays open: its end would end the simulator's script); the output. */
        String end() throws Exception {
            boolean ended = ChildProcesses.endsWithin(process, Duration.ofSeconds(60));
            String out = text();
            assertTrue(ended, "ends:\n" + out);
            return out;
        }
    }
}
