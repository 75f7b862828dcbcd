package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache (a JDK AOT cache in {@code $XDG_CACHE_HOME/picoloop/aot/}): made once
 * by a training run on the simulated board with the very same java command line, checked, then
 * renamed into place; used by each later command; made anew for a new jar or JDK, the old one
 * removed; a failed training said in one line, once, and the command started plainly. The
 * launcher runs as a {@link StandInLauncher} (no JVM): what it asks of java is what is checked.
 * {@link LauncherStartupCacheJvmTest} does the same with the real JDK.
 */
class LauncherStartupCacheTest {

    private static final String TRAINING = "blink --pin 25 --period 10 --count 3 --sim";

    @TempDir
    Path dir;
    private StandInLauncher launcher;
    private Path cache;
    private Path aot;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        launcher = new StandInLauncher(dir).withStartupCacheSupport();
        cache = dir.resolve("cache");
        aot = cache.resolve("picoloop/aot");
    }

    @Test
    void theFirstCommandMakesTheCacheAndEveryCommandStartsFromIt() throws Exception {
        StandInLauncher.Run first = launch(Map.of(), "blink", "--sim");
        List<String> calls = launcher.calls();
        assertEquals(3, calls.size(), calls.toString());
        Path made = theCache();
        String plain = "-XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + cache.resolve("picoloop/tmp") + " -jar " + launcher.jar;
        assertTrue(calls.get(0).matches("-XX:AOTCacheOutput=" + made + "\\.[0-9]+\\.part " + plain + " " + TRAINING),
                "a training run on the simulator with the command's own java options: " + calls.get(0));
        String part = calls.get(0).split(" ")[0].substring("-XX:AOTCacheOutput=".length());
        assertEquals("-XX:AOTCache=" + part + " -XX:AOTMode=on " + plain + " --version", calls.get(1),
                "the new cache is checked before it is put in place");
        assertEquals(List.of("-XX:AOTCache=" + made, "-Xlog:aot*=off", "-Xlog:cds*=off"), first.args().subList(0, 3), first.text());
        assertEquals(List.of("-jar", launcher.jar.toString(), "blink", "--sim"), first.lastArgs(4), first.text());
        assertEquals("", first.err());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aot)));
        assertEquals(List.of(made), files(aot), "no partial file left");

        StandInLauncher.Run second = launch(Map.of(), "watch", "--sim");
        assertEquals(4, launcher.calls().size(), "no second training: " + launcher.calls());
        assertEquals("-XX:AOTCache=" + made, second.args().get(0), second.text());
        assertEquals("", second.err());
    }

    @Test
    void aNewJarGetsANewCacheAndTheOldOneIsRemoved() throws Exception {
        launch(Map.of(), "blink", "--sim");
        Path before = theCache();
        Files.writeString(launcher.jar, "rebuilt");
        StandInLauncher.Run run = launch(Map.of(), "blink", "--sim");
        Path after = theCache();
        assertNotEquals(before, after);
        assertEquals("-XX:AOTCache=" + after, run.args().get(0), run.text());
        assertEquals(List.of(after), files(aot), "the old jar's cache is gone");
        assertEquals(2, launcher.calls().stream().filter(c -> c.startsWith("-XX:AOTCacheOutput=")).count());
    }

    @Test
    void aNewJdkGetsANewCache() throws Exception {
        launch(Map.of(), "blink", "--sim");
        Path before = theCache();
        Files.writeString(launcher.javaHome.resolve("release"), "JAVA_VERSION=\"25.0.4\"\n");
        launch(Map.of(), "blink", "--sim");
        assertNotEquals(before, theCache());
    }

    /** Commands run on a terminal: the training too (a pseudo-terminal of its own), so that what drawing on one loads is in the cache. */
    @Test
    void theTrainingRunsOnATerminalOfItsOwn() throws Exception {
        assumeTrue(utilLinuxScript(), "util-linux's script is not on this machine: the training runs without a terminal");
        launch(Map.of(), "blink", "--sim");
        assertTrue(Files.exists(launcher.trainedOn()), "trained on a terminal: " + launcher.calls());
        assertEquals(List.of(theCache()), files(aot));
    }

    private static boolean utilLinuxScript() throws Exception {
        try {
            Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).contains("util-linux") && p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aFailedTrainingIsOneLineOnceAndTheCommandStartsPlainly() throws Exception {
        StandInLauncher.Run first = launch(Map.of("STANDIN_TRAINING_FAILS", "1"), "blink", "--sim");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + cache.resolve("picoloop/tmp"), "-jar", launcher.jar.toString(), "blink", "--sim"),
                first.args(), first.text());
        List<String> lines = first.err().lines().toList();
        assertEquals(1, lines.size(), first.err());
        assertTrue(lines.get(0).matches("picoloop: could not make the start-up cache \\(see .*\\.log\\); starting without it"), lines.get(0));
        assertTrue(files(aot).stream().noneMatch(f -> f.toString().endsWith(".aot") || f.toString().endsWith(".part")), files(aot).toString());

        StandInLauncher.Run second = launch(Map.of("STANDIN_TRAINING_FAILS", "1"), "blink", "--sim");
        assertEquals("", second.err(), "said once, not at every start");
        assertEquals(first.args(), second.args());
        assertEquals(1, launcher.calls().stream().filter(c -> c.startsWith("-XX:AOTCacheOutput=")).count());
    }

    /**
     * Main answers {@code --version} without the command line parser, and every class in a cache is
     * loaded at each start: it has a small cache of its own, trained on itself.
     */
    @Test
    void versionAloneHasACacheOfItsOwn() throws Exception {
        StandInLauncher.Run version = launch(Map.of(), "--version");
        assertTrue(launcher.calls().get(0).endsWith(" -jar " + launcher.jar + " --version"), launcher.calls().toString());
        Path versions = theCache();
        assertEquals("-XX:AOTCache=" + versions, version.args().get(0), version.text());
        launch(Map.of(), "-V");
        assertEquals(4, launcher.calls().size(), "-V uses it too: " + launcher.calls());
        StandInLauncher.Run blink = launch(Map.of(), "blink", "--sim");
        assertTrue(launcher.calls().get(4).endsWith(" " + TRAINING), launcher.calls().toString());
        assertNotEquals("-XX:AOTCache=" + versions, blink.args().get(0), blink.text());
        assertEquals(2, files(aot).size(), "both kept: " + files(aot));
    }

    @Test
    void picoloopAotOffStartsWithoutACache() throws Exception {
        StandInLauncher.Run off = launch(Map.of("PICOLOOP_AOT", "off"), "blink", "--sim");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + cache.resolve("picoloop/tmp"), "-jar", launcher.jar.toString(), "blink", "--sim"),
                off.args(), off.text());
        assertEquals(1, launcher.calls().size(), "nothing but the command: " + launcher.calls());
        assertFalse(Files.exists(aot));
    }

    /** The cache's classes run in every picoloop: a cache directory that is a link elsewhere is not used. */
    @Test
    void aLinkedCacheDirectoryIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(aot.getParent());
        Files.createSymbolicLink(aot, elsewhere);
        StandInLauncher.Run run = launch(Map.of(), "blink", "--sim");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + cache.resolve("picoloop/tmp"), "-jar", launcher.jar.toString(), "blink", "--sim"),
                run.args(), run.text());
        assertEquals(List.of(), files(elsewhere));
    }

    @Test
    void firstStartsAtTheSameTimeLeaveOneWholeCache() throws Exception {
        List<Future<StandInLauncher.Run>> runs = new ArrayList<>();
        try (ExecutorService starts = Executors.newFixedThreadPool(4)) {     // really at once, whatever the core count
            for (int i = 0; i < 4; i++) {
                runs.add(starts.submit(() -> launch(Map.of("STANDIN_TRAINING_SECONDS", "1"), "blink", "--sim")));
            }
        }
        Path made = theCache();
        for (Future<StandInLauncher.Run> f : runs) {
            StandInLauncher.Run run = f.get();
            assertEquals("", run.err());
            assertEquals("-XX:AOTCache=" + made, run.args().get(0), run.text());
        }
        assertEquals(4, launcher.calls().stream().filter(c -> c.startsWith("-XX:AOTCacheOutput=")).count(),
                "all four trained at once (none found a cache): " + launcher.calls());
        assertEquals(List.of(made), files(aot), "one cache, no partial file");
        assertEquals("aot", Files.readString(made), "a whole one");
    }

    /** The launcher's single cache file, failing the test if there is not exactly one. */
    private Path theCache() throws Exception {
        List<Path> made = files(aot).stream().filter(f -> f.toString().endsWith(".aot")).toList();
        assertEquals(1, made.size(), made.toString());
        return made.get(0);
    }

    private static List<Path> files(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.sorted().toList();
        }
    }

    private StandInLauncher.Run launch(Map<String, String> env, String... args) throws Exception {
        return launcher.launchSucceeding(cache, env, args);
    }
}
