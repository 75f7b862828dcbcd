package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/get-pi-gpio-plugin.sh, which fetches Pi4J's Pi GPIO plugin into the launcher's plugin
 * directory. It cannot reach the artifact from here (this machine's Maven mirror lacks it), so it runs
 * as a copy beside a made-up root pom, with a stand-in {@code mvn} first on PATH that records its
 * arguments: the coordinates it asks for, the version taken from the pom, and its messages.
 */
class LauncherGpioPluginScriptTest {

    @TempDir
    Path dir;
    private Path script;
    private Path bin;
    private Path cache;
    private Path plugins;

    @BeforeEach
    void copyTheScript() throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(root.resolve("scripts"));
        script = root.resolve("scripts/get-pi-gpio-plugin.sh");
        Files.copy(RepoRoot.get().resolve("scripts/get-pi-gpio-plugin.sh"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("pom.xml"), """
                <project>
                  <properties>
                    <jserialcomm.version>2.11.4</jserialcomm.version>
                    <pi4j.version> 9.8.7 </pi4j.version>
                  </properties>
                </project>
                """);
        bin = Files.createDirectories(dir.resolve("bin"));
        cache = dir.resolve("cache");
        plugins = cache.resolve("picoloop/plugins");
    }

    @Test
    void asksMavenForTheFfmPluginOfThePomsPi4jVersion() throws Exception {
        standInMaven("""
                for a in "$@"; do case "$a" in -DoutputDirectory=*) touch "${a#-DoutputDirectory=}/pi4j-plugin-ffm-9.8.7.jar";; esac; done
                exit 0
                """);
        Files.createDirectories(plugins);
        Files.writeString(plugins.resolve("pi4j-plugin-ffm-9.8.6.jar"), "");
        Files.writeString(plugins.resolve("other.jar"), "");
        Run run = run(bin + ":/usr/bin:/bin");
        assertEquals(0, run.exit, run.err);
        List<String> asked = Files.readAllLines(dir.resolve("mvn-args"));
        assertTrue(asked.contains("dependency:copy"), asked.toString());
        assertTrue(asked.contains("-Dartifact=com.pi4j:pi4j-plugin-ffm:9.8.7"), asked.toString());
        assertTrue(asked.contains("-DoutputDirectory=" + plugins), asked.toString());
        assertEquals(List.of("other.jar", "pi4j-plugin-ffm-9.8.7.jar"), listing(plugins), "the older version is gone");
        assertFalse(Files.exists(script.getParent().getParent().resolve("target")), "nothing built in the repository");
    }

    @Test
    void aMavenFailureSaysWhatFailedAndWhatToDo() throws Exception {
        standInMaven("""
                echo '[INFO] Scanning for projects...'
                echo '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:2.8:copy (default-cli) on project standalone-pom: Unable to find artifact. Could not find artifact com.pi4j:pi4j-plugin-ffm:jar:9.8.7 in central'
                echo '[ERROR] Try downloading the file manually from the project website.'
                exit 1
                """);
        Run run = run(bin + ":/usr/bin:/bin");
        assertEquals(1, run.exit, run.err);
        assertTrue(run.err.contains("get-pi-gpio-plugin: Maven could not fetch com.pi4j:pi4j-plugin-ffm:9.8.7:\n"
                + "[ERROR] Failed to execute goal"), run.err);
        assertFalse(run.err.contains("Try downloading"), "only Maven's first error line: " + run.err);
        assertTrue(run.err.contains("check the network and your Maven mirror"), run.err);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plugins)),
                "the plugin directory is created private");
        assertTrue(run.err.contains("put it\n  in " + plugins + ", or name it in PICOLOOP_CLASSPATH"), run.err);
    }

    @Test
    void withoutMavenItSaysSo() throws Exception {
        for (String tool : List.of("bash", "sed", "head", "dirname", "readlink", "mkdir", "uname", "mktemp", "rm")) {
            Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        Run run = run(bin.toString());
        assertEquals(1, run.exit, run.err);
        assertTrue(run.err.startsWith("get-pi-gpio-plugin: fetching com.pi4j:pi4j-plugin-ffm:9.8.7 needs Apache Maven (mvn)"),
                run.err);
        assertTrue(run.err.contains("pi4j-plugin-ffm-9.8.7.jar from Maven Central yourself and put it in " + plugins), run.err);
    }

    private record Run(int exit, String err) {
    }

    private Run run(String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(script.toString());
        pb.environment().put("PATH", path);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("ARGS_FILE", dir.resolve("mvn-args").toString());
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(30)), "the script finished");
        return new Run(p.exitValue(), text);
    }

    private void standInMaven(String body) throws Exception {
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGS_FILE\"\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> listing(Path d) throws Exception {
        try (var files = Files.list(d)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
