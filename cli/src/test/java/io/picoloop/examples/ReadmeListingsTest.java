package io.picoloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import io.picoloop.testing.VirtualBoard;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java listings of README.md, as a reader copies them: they compile and do what the text says. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadmeListingsTest {

    private static List<String> javaListings() throws Exception {
        String readme = Files.readString(RepoRoot.get().resolve("README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String listing(String containing) throws Exception {
        return javaListings().stream().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no java listing with " + containing));
    }

    /** `./picoloop Lab.java --sim`: Java's source-file mode with picoloop's jars and the launcher's flags. */
    @Test
    void theLabProgramBlinksTwoLedsAtTheirRatesOnTheSimulatedBoardAndShowsThem() throws Exception {
        Path dir = Files.createTempDirectory("readme-lab");
        Path lab = dir.resolve("Lab.java");
        Files.writeString(lab, listing("public class Lab"));
        Path output = dir.resolve("output.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), lab.toString(), "--sim")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = ChildProcesses.endsWithin(p, Duration.ofSeconds(60));     // a hung one is killed
        String out = Files.readString(output);
        assertTrue(ended, out);
        assertEquals(0, p.exitValue(), out);
        // red toggles every 150 ms, green every 400 ms, for 5 s: about 17 and 7 flashes
        // the panel names GP16 and GP20 as the board profile does
        long red = count(out, "red on");
        long green = count(out, "green on");
        assertTrue(red >= 8 && green >= 3 && red > green, "red " + red + ", green " + green + " flashes:\n" + out);
        assertTrue(lastState(out, "red").equals("off") && lastState(out, "green").equals("off"),
                "the end switches both off, and the panel shows it:\n" + out);
    }

    private static long count(String out, String what) {
        return out.lines().filter(l -> l.strip().endsWith(what)).count();
    }

    private static String lastState(String out, String name) {
        List<String> mine = out.lines().map(String::strip)
                .filter(l -> l.endsWith(name + " on") || l.endsWith(name + " off")).toList();
        return mine.isEmpty() ? "never shown" : mine.getLast().substring(mine.getLast().lastIndexOf(' ') + 1);
    }

    /** The button listing, verbatim, as the body of a task; the simulated board on a virtual clock. */
    @Test
    void theButtonListingTogglesTheLedOnEachPressAndALongPressEndsIt() throws Exception {
        String program = """
                import io.picoloop.button.Button;
                import io.picoloop.button.ButtonEvent;
                import io.picoloop.device.Pico;

                public class ReadmeButton {
                    public static void run(Pico pico) {
                %s
                    }
                }
                """.formatted(listing("Button.on(pico"));
        List<String> led = new CopyOnWriteArrayList<>();
        try (URLClassLoader classes = JavaSource.compile("ReadmeButton", program);
             VirtualBoard board = new VirtualBoard()) {
            EventLoop loop = board.loop;
            Method run = classes.loadClass("ReadmeButton").getMethod("run", Pico.class);
            board.sim.addPinListener((pin, level, nanos) -> led.add(level + " at " + VirtualBoard.ms(nanos)));
            long endedAt = loop.run(() -> {
                loop.spawn("hand", () -> {
                    Async.sleepMs(100);
                    board.press("14");          // LED on
                    Async.sleepMs(200);
                    board.release("14");
                    Async.sleepMs(300);
                    board.press("14");          // LED off
                    Async.sleepMs(1500);
                    board.release("14");        // held 1.5 s: the listing's loop ends
                });
                run.invoke(null, board.pico);
                return VirtualBoard.ms(loop.nowNanos());
            });
            assertEquals(List.of("0 at 0", "1 at 100", "0 at 600"), led);
            assertEquals(2100, endedAt);
        }
    }
}
