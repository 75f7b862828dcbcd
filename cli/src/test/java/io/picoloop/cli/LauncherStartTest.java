package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code ./picoloop} launcher does before Java runs: it rebuilds the jar when a file the jar
 * is made of is newer (once, even for starts at the same time; a test file does not count), tells
 * the JDK's version from its release file without starting a JVM, and answers a {@code .java} file
 * that is not there in one line. The launcher runs as a {@link StandInLauncher} with a stand-in
 * {@code mvn} on the PATH.
 */
class LauncherStartTest {

    @TempDir
    Path dir;
    private StandInLauncher launcher;
    private Path mvnCalls;
    private String path;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        launcher = new StandInLauncher(dir).withStartupCacheSupport();
        mvnCalls = dir.resolve("mvn-calls.txt");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), """
                #!/bin/sh
                echo "$*" >>'%s'
                sleep "${STANDIN_BUILD_SECONDS:-0}"
                printf built >'%s'
                """.formatted(mvnCalls, launcher.jar));
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        path = bin + ":" + System.getenv("PATH");
    }

    @Test
    void aChangedSourceRebuildsTheJarOnceAndATestFileDoesNot() throws Exception {
        Path test = source("runtime/src/test/java/io/picoloop/SomeTest.java");
        StandInLauncher.Run untouched = launch(Map.of(), "ports");
        assertEquals("", untouched.err());
        assertEquals(List.of(), mvnCalls(), "a test is not in the jar");

        source("runtime/src/main/java/io/picoloop/Some.java");
        StandInLauncher.Run rebuilt = launch(Map.of(), "ports");
        assertEquals("picoloop: building the jar (first run, or the sources changed)...", rebuilt.err().strip());
        assertEquals(List.of("-q -B -DskipTests -pl cli -am package"), mvnCalls());
        assertEquals("built", Files.readString(launcher.jar));

        StandInLauncher.Run again = launch(Map.of(), "ports");
        assertEquals("", again.err());
        assertEquals(1, mvnCalls().size(), "fresh now");
        assertTrue(Files.exists(test));
    }

    @Test
    void startsAtTheSameTimeBuildTheStaleJarOnce() throws Exception {
        source("cli/src/main/java/io/picoloop/cli/Some.java");
        try (ExecutorService starts = Executors.newFixedThreadPool(3)) {     // really at once, whatever the core count
            List<Future<StandInLauncher.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(starts.submit(() -> launch(Map.of("STANDIN_BUILD_SECONDS", "1"), "ports")));
            }
            for (Future<StandInLauncher.Run> run : runs) {
                run.get();
            }
        }
        assertEquals(1, mvnCalls().size(), "the others waited for the one build: " + mvnCalls());
    }

    @Test
    void theJdksVersionComesFromItsReleaseFileWithoutStartingJava() throws Exception {
        launch(Map.of(), "ports");
        assertTrue(launcher.calls().stream().noneMatch(c -> c.startsWith("-XshowSettings")), launcher.calls().toString());
        Files.delete(launcher.javaHome.resolve("release"));     // a hand-made image: java is asked
        launch(Map.of(), "ports");
        assertTrue(launcher.calls().stream().anyMatch(c -> c.startsWith("-XshowSettings")), launcher.calls().toString());
    }

    /** Java would take the missing file's name for a class name: "ClassNotFoundException: Missing.java". */
    @Test
    void aJavaFileThatIsNotThereIsOneLine() throws Exception {
        StandInLauncher.Run run = launcher.launch(env(Map.of()), "Missing.java", "--sim");
        assertEquals(2, run.exit(), run.text());
        assertEquals(List.of("picoloop: there is no file Missing.java (in " + dir.toRealPath()
                + "); give the path of your program, for example ./picoloop examples/traffic-lights/TrafficLights.java --sim"),
                run.err().lines().toList());
        assertEquals(List.of(), launcher.calls(), "no JVM started");
    }

    /** A source file newer than the jar, as an edit after the last build makes it. */
    private Path source(String relative) throws Exception {
        Path file = launcher.root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class Some {}");
        Files.setLastModifiedTime(launcher.jar, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }

    private List<String> mvnCalls() throws Exception {
        return Files.exists(mvnCalls) ? Files.readAllLines(mvnCalls) : List.of();
    }

    private Map<String, String> env(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        all.put("PATH", path);
        all.put("PICOLOOP_AOT", "off");
        return all;
    }

    private StandInLauncher.Run launch(Map<String, String> env, String... args) throws Exception {
        StandInLauncher.Run run = launcher.launch(env(env), args);
        assertEquals(0, run.exit(), run.text());
        return run;
    }
}
