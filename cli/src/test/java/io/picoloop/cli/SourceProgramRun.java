package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.testing.ChildProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code .java} program run as {@code ./picoloop Lab.java --sim} runs it: {@link SourceProgram} in
 * a JVM of its own with the launcher's flags; its output (stdout and stderr together) and exit code.
 */
record SourceProgramRun(List<String> lines, int exit) {

    /** Runs {@code lab} with {@code env} added (PICOLOOP_DEBUG removed unless given) and the class path prefixed by {@code classPathBefore}. */
    static SourceProgramRun of(Path lab, Map<String, String> env, String classPathBefore) throws Exception {
        Path output = lab.resolveSibling("output.txt");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", classPathBefore + System.getProperty("java.class.path"), SourceProgram.class.getName(),
                lab.toString(), "--sim")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        b.environment().remove("PICOLOOP_DEBUG");
        b.environment().putAll(env);
        Process p = b.start();
        boolean ended = ChildProcesses.endsWithin(p, Duration.ofSeconds(60));
        String out = Files.readString(output);
        assertEquals(true, ended, out);
        return new SourceProgramRun(out.lines().toList(), p.exitValue());
    }

    String text() {
        return String.join("\n", lines);
    }
}
