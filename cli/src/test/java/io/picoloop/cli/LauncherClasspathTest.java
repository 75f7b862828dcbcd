package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./picoloop} launcher's classpath: picoloop's jar, then the entries of
 * {@code PICOLOOP_CLASSPATH}, then every jar in {@code $XDG_CACHE_HOME/picoloop/plugins/} (where
 * scripts/get-pi-gpio-plugin.sh puts Pi4J's Pi GPIO plugin), for a picoloop command and for a
 * {@code *.java} file alike; with neither, the java command line is what it always was. The
 * launcher runs as a {@link StandInLauncher}: no build, no JVM.
 */
class LauncherClasspathTest {

    private static final String SOURCE_PROGRAM = SourceProgram.class.getName();


    @TempDir
    Path dir;
    private StandInLauncher launcher;
    private Path jar;
    private Path cache;
    private Path tmp;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        launcher = new StandInLauncher(dir);
        jar = launcher.jar;
        cache = dir.resolve("cache");
        tmp = cache.resolve("picoloop/tmp");
    }

    /**
     * The jar's manifest enables native access and opens java.lang for {@code -jar}; the same on the
     * command line would cost the JVM its archived module graph, so it is not repeated there.
     */
    @Test
    void withoutExtrasACommandRunsTheJarWithItsManifestsOptions() throws Exception {
        StandInLauncher.Run run = launch(Map.of(), "blink", "--sim");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "blink", "--sim"), run.args(), run.text());
    }

    /** A .java file runs through SourceProgram, which says a compile error in picoloop's words (CompileErrorsTest). */
    @Test
    void withoutExtrasAJavaFileGetsJustTheJar() throws Exception {
        StandInLauncher.Run run = launch(Map.of(), "MyLab.java", "x");
        assertEquals(List.of("-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", jar.toString(), SOURCE_PROGRAM, "MyLab.java", "x"),
                run.args(), run.text());
    }

    @Test
    void anEmptyPluginDirectoryAndAnEmptyVariableChangeNothing() throws Exception {
        Files.createDirectories(cache.resolve("picoloop/plugins"));
        Files.writeString(cache.resolve("picoloop/plugins/README.txt"), "not a jar");
        StandInLauncher.Run run = launch(Map.of("PICOLOOP_CLASSPATH", ":"), "ports");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "ports"), run.args(), run.text());
    }

    @Test
    void theVariablesEntriesThenThePluginJarsFollowTheJarForAJavaFile() throws Exception {
        Path plugins = pluginJars("pi4j-plugin-ffm-4.0.2.jar", "a-first.jar");
        StandInLauncher.Run run = launch(Map.of("PICOLOOP_CLASSPATH", "/opt/x/one.jar::/opt/y/*:"), "MyLab.java", "--port", "/dev/ttyACM0");
        String cp = String.join(":", jar.toString(), "/opt/x/one.jar", "/opt/y/*",
                plugins.resolve("a-first.jar").toString(), plugins.resolve("pi4j-plugin-ffm-4.0.2.jar").toString());
        assertEquals(List.of("-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", cp, SOURCE_PROGRAM, "MyLab.java", "--port", "/dev/ttyACM0"),
                run.args(), run.text());
    }

    /** {@code -jar} would ignore {@code -cp}: with extras a command names the CLI's main class. */
    @Test
    void aCommandWithExtrasRunsTheMainClassOnTheLongerClasspath() throws Exception {
        Path plugins = pluginJars("pi4j-plugin-ffm-4.0.2.jar");
        StandInLauncher.Run run = launch(Map.of("PICOLOOP_CLASSPATH", "/opt/x/one.jar"), "ports");
        String cp = String.join(":", jar.toString(), "/opt/x/one.jar", plugins.resolve("pi4j-plugin-ffm-4.0.2.jar").toString());
        // the jar's manifest Add-Opens counts only with -jar: given here, or tasks leave the loop's thread
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", cp, "io.picoloop.cli.Main", "ports"),
                run.args(), run.text());
    }

    @Test
    void thePluginDirectoryAloneIsEnough() throws Exception {
        Path plugins = pluginJars("pi4j-plugin-ffm-4.0.2.jar");
        StandInLauncher.Run run = launch(Map.of(), "MyLab.java");
        assertEquals(List.of("-cp", jar + ":" + plugins.resolve("pi4j-plugin-ffm-4.0.2.jar"), SOURCE_PROGRAM, "MyLab.java"),
                run.lastArgs(4), run.text());
    }

    /** Its jars run in every picoloop: a plugin directory that is a link elsewhere is not read. */
    @Test
    void aLinkedPluginDirectoryIsIgnoredWithAWarning() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("planted.jar"), "");
        Files.createDirectories(cache.resolve("picoloop"));
        Files.createSymbolicLink(cache.resolve("picoloop/plugins"), elsewhere);
        StandInLauncher.Run run = launch(Map.of(), "ports");
        assertEquals(List.of("-jar", jar.toString(), "ports"), run.lastArgs(3),
                run.text());
        assertTrue(run.err().contains("picoloop: " + cache.resolve("picoloop/plugins")
                + " is not a directory of your own; its jars are not used"), run.err());
    }

    private Path pluginJars(String... names) throws Exception {
        Path plugins = Files.createDirectories(cache.resolve("picoloop/plugins"));
        for (String name : names) {
            Files.writeString(plugins.resolve(name), "");
        }
        return plugins;
    }

    private StandInLauncher.Run launch(Map<String, String> env, String... args) throws Exception {
        return launcher.launchSucceeding(cache, env, args);
    }
}
