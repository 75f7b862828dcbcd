package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache with the real JDK (the one running the tests): the cache it makes is
 * one the JVM loads classes from, a damaged cache is skipped without a word (the JVM's own messages
 * would land on the command's stdout), and a new jar gets a new cache. The jar is a small stand-in
 * for picoloop's (a class that prints its arguments), so the training run is quick.
 */
class LauncherStartupCacheJvmTest {

    @TempDir
    Path dir;
    private StandInLauncher launcher;
    private Path aot;
    private Map<String, String> env;

    @BeforeEach
    void aLauncherWithTheRealJdk() throws Exception {
        launcher = new StandInLauncher(dir);
        aot = dir.resolve("cache/picoloop/aot");
        env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "JAVA_HOME", System.getProperty("java.home"));
        tinyJar("tiny");
    }

    @Test
    void theCacheIsUsedADamagedOneIsSkippedSilentlyAndANewJarGetsANewOne() throws Exception {
        StandInLauncher.Run first = launcher.launch(env, "blink", "--sim");
        assertEquals(0, first.exit(), first.text());
        assertEquals(List.of("tiny blink --sim"), first.args(), "the command's output only: " + first.text());
        assertEquals("", first.err());
        Path made = theCache();

        StandInLauncher.Run cached = launcher.launch(withClassLoadLog(), "blink", "--sim");
        assertTrue(cached.args().stream().anyMatch(l -> l.contains("Tiny source: shared objects file")),
                "Tiny came from the cache: " + cached.text());

        byte[] garbage = new byte[4096];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(made, garbage);
        StandInLauncher.Run damaged = launcher.launch(env, "blink", "--sim");
        assertEquals(0, damaged.exit(), damaged.text());
        assertEquals(List.of("tiny blink --sim"), damaged.args(), "not a word from the JVM: " + damaged.text());
        assertEquals("", damaged.err());
        StandInLauncher.Run fromJar = launcher.launch(withClassLoadLog(), "blink", "--sim");
        assertTrue(fromJar.args().stream().anyMatch(l -> l.contains("Tiny source: file:")), fromJar.text());

        tinyJar("tiny, rebuilt");
        StandInLauncher.Run rebuilt = launcher.launch(withClassLoadLog(), "blink", "--sim");
        assertTrue(rebuilt.args().contains("tiny, rebuilt blink --sim"), rebuilt.text());
        assertTrue(rebuilt.args().stream().anyMatch(l -> l.contains("Tiny source: shared objects file")),
                "a new cache, of the new jar: " + rebuilt.text());
        assertNotEquals(made, theCache());
    }

    private Map<String, String> withClassLoadLog() {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info");
        return all;
    }

    private Path theCache() throws Exception {
        try (Stream<Path> files = Files.list(aot)) {
            List<Path> made = files.filter(f -> f.toString().endsWith(".aot")).toList();
            assertEquals(1, made.size(), made.toString());
            return made.get(0);
        }
    }

    /** The stand-in launcher's jar: a main class Tiny that prints {@code greeting} and its arguments. */
    private void tinyJar(String greeting) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("Tiny.java"), """
                public class Tiny {
                    public static void main(String[] args) {
                        System.out.println("%s " + String.join(" ", args));
                    }
                }
                """.formatted(greeting));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), src.resolve("Tiny.java").toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Tiny");
        try (OutputStream file = Files.newOutputStream(launcher.jar); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry("Tiny.class"));
            jar.write(Files.readAllBytes(classes.resolve("Tiny.class")));
            jar.closeEntry();
        }
    }
}
