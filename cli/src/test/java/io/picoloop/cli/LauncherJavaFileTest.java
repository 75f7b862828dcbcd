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
 * gets the compiler's errors, then one line, and no run.
 */
class LauncherJavaFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsOneLineAndABrokenOneTheCompilersErrorsThenOneLine() throws Exception {
        StandInLauncher launcher = new StandInLauncher(dir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(launcher.jar), new Manifest())) {
            jar.flush();    // an empty jar: javac reads the classpath
        }
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "JAVA_HOME", System.getProperty("java.home"));

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
        assertEquals(1, broken.exit(), broken.text());
        assertEquals(List.of(), broken.args(), "it did not run");
        List<String> err = broken.err().lines().toList();
        assertTrue(err.get(0).startsWith("Broken.java:3: error: incompatible types"), broken.err());
        assertEquals(List.of("1 error", "error: compilation failed"), err.subList(err.size() - 2, err.size()), broken.err());
    }
}
