package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./picoloop File.java} with the real JDK (Java's source-file mode): a file that is not there
 * is one line naming the fix, not Java's ClassNotFoundException; a file that does not compile
 * gets its first error in picoloop's words ({@link SourceProgram}, CompileErrorsTest has the hints),
 * exit 2, and no run.
 */
class LauncherJavaFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsOneLineAndABrokenOneTheFirstErrorWithItsLine() throws Exception {
        StandInLauncher launcher = new StandInLauncher(dir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(launcher.jar), new Manifest())) {
            jar.flush();    // an empty jar: picoloop's classes come after it, from this JVM's class path
        }
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "JAVA_HOME", System.getProperty("java.home"),
                "PICOLOOP_CLASSPATH", System.getProperty("java.class.path"));

        StandInLauncher.Run missing = launcher.launch(env, "Missing.java");
        assertEquals(2, missing.exit(), missing.text());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("picoloop: there is no file Missing.java"), missing.err());

        Files.writeString(dir.resolve("Broken.java"), """
                public class Broken {
                    public static void main(String[] args) {
                        int n = "one";
                        System.out.println("ran");
                    }
                }
                """);
        StandInLauncher.Run broken = launcher.launch(env, "Broken.java");
        assertEquals(ExitCode.USAGE.code(), broken.exit(), broken.text());
        assertEquals(List.of(), broken.args(), "it did not run");
        assertEquals(List.of("picoloop: Broken.java:3: error: incompatible types: String cannot be converted to int",
                "            int n = \"one\";",
                "                    ^"), broken.err().lines().toList(), broken.err());
    }
}
