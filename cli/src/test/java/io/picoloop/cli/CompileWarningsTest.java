package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that compiles with warnings, run as {@code ./picoloop Lab.java} runs it: each warning
 * as a compile error is told (file:line, the JDK's message, the line, a caret), then the program
 * runs. Nothing about picoloop's own class path (here a missing entry on it, which javac's
 * {@code -Xlint:path} would report). Before, warnings were not printed at all ({@code -Xlint:none}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompileWarningsTest {

    private static final String SOURCE = """
            import java.util.ArrayList;
            import java.util.List;

            public class Lab {
                public static void main(String[] args) {
                    Integer boxed = new Integer(5);
                    List<String> names = new ArrayList();
                    System.out.println("ran " + boxed + names);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void warningsInTheProgramAreToldWithTheirLineAndItStillRuns() throws Exception {
        SourceProgramRun run = run(Map.of());
        assertEquals(List.of(
                "picoloop: Lab.java:6: warning: [deprecation] Integer(int) in Integer has been deprecated",
                "            Integer boxed = new Integer(5);",
                "                            ^",
                "picoloop: Lab.java:7: warning: [rawtypes] found raw type: ArrayList; missing type arguments for generic"
                        + " class ArrayList<E>",
                "            List<String> names = new ArrayList();",
                "                                     ^",
                "picoloop: Lab.java:7: warning: [unchecked] unchecked conversion; required: List<String>; found: ArrayList",
                "            List<String> names = new ArrayList();",
                "                                 ^",
                "ran 5[]"), run.lines(), run.text());
        assertEquals(0, run.exit(), run.text());
    }

    @Test
    void debugKeepsTheJdksOwnForm() throws Exception {
        SourceProgramRun run = run(Map.of("PICOLOOP_DEBUG", "1"));
        assertTrue(run.lines().stream().anyMatch(l -> l.endsWith("Lab.java:6: warning: [deprecation] Integer(int) in"
                + " java.lang.Integer has been deprecated")), run.text());
        assertEquals("ran 5[]", run.lines().getLast(), run.text());
    }

    private SourceProgramRun run(Map<String, String> env) throws Exception {
        Path lab = dir.resolve("Lab.java");
        Files.writeString(lab, SOURCE);
        return SourceProgramRun.of(lab, env, dir.resolve("not-there.jar") + File.pathSeparator);
    }
}
