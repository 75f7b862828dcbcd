package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that does not compile, run as {@code ./picoloop Lab.java --sim} runs it
 * ({@link SourceProgram} in a JVM of its own, the launcher's command line): the first error in
 * picoloop's words (where, the JDK's message, the line and a caret, a hint), how many follow, exit 2.
 * Before, the JDK's launcher printed its own errors and "error: compilation failed", exit 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompileErrorsTest {

    private static final String HEAD = """
            import io.picoloop.Picoloop;

            public class Lab {
                public static void main(String[] args) {
                    Picoloop.run(args, pico -> {
            """;
    private static final String TAIL = """
                    });
                }
            }
            """;

    @Test
    void aMissingSemicolonPointsAtTheEndOfItsLine() throws Exception {
        assertPrints(HEAD + "            pico.output(\"red\").on()\n" + TAIL,
                "picoloop: Lab.java:6: error: ';' expected",
                "                pico.output(\"red\").on()",
                "                                       ^",
                "hint: every statement ends with ';': add one where the caret points");
    }

    @Test
    void aMisspeltMethodOnPicoNamesTheNearestOne() throws Exception {
        assertPrints(HEAD + "            pico.outptu(\"red\").on();\n" + TAIL,
                "picoloop: Lab.java:6: error: cannot find symbol; symbol: method outptu(String); "
                        + "location: variable pico of type Pico",
                "                pico.outptu(\"red\").on();",
                "                    ^",
                "hint: did you mean output? method names are spelt exactly, capitals too; see what Pico offers");
    }

    @Test
    void aMissingImportNamesTheImportAndCountsTheErrorsAfter() throws Exception {
        // Duration's import is missing too: the second error
        assertPrints(HEAD + "            Async.sleep(Duration.ofMillis(5));\n" + TAIL,
                "picoloop: Lab.java:6: error: cannot find symbol; symbol: variable Async; location: class Lab",
                "                Async.sleep(Duration.ofMillis(5));",
                "                ^",
                "hint: add 'import io.picoloop.loop.Async;' at the top of the file",
                "1 more error after this one (fix this one first: the others often follow from it; "
                        + "PICOLOOP_DEBUG=1 shows them all)");
    }

    @Test
    void aPublicClassInAnotherFileOfTheDirectoryNamesTheRename() throws Exception {
        Path dir = Files.createTempDirectory("picoloop-compile");
        Files.writeString(dir.resolve("Helper.java"), "public class Lights { static int RED = 16; }\n");
        assertPrints(dir, HEAD + "            pico.output(Helper.RED).on();\n" + TAIL,
                "picoloop: Helper.java:1: error: class Lights is public, should be declared in a file named Lights.java",
                "    public class Lights { static int RED = 16; }",
                "           ^",
                "hint: a public class lives in a file of its own name: rename the file to Lights.java, or the class to"
                        + " the file's name",
                "1 more error after this one (fix this one first: the others often follow from it; "
                        + "PICOLOOP_DEBUG=1 shows them all)");
    }

    private static void assertPrints(String source, String... lines) throws Exception {
        assertPrints(Files.createTempDirectory("picoloop-compile"), source, lines);
    }

    private static void assertPrints(Path dir, String source, String... lines) throws Exception {
        Path lab = dir.resolve("Lab.java");
        Files.writeString(lab, source);
        SourceProgramRun run = SourceProgramRun.of(lab, Map.of(), "");
        assertEquals(List.of(lines), run.lines(), run.text());
        assertEquals(ExitCode.USAGE.code(), run.exit(), run.text());
    }
}
