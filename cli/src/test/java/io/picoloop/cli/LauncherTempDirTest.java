package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./picoloop} launcher gives the JVM a temporary directory of the user's own (mode 700):
 * jSerialComm extracts its native library under java.io.tmpdir, world-writable, and loads a file
 * already there unchecked, so the shared /tmp would let another user plant code. The launcher runs
 * here as a {@link StandInLauncher}: no build, no JVM.
 */
class LauncherTempDirTest {

    @TempDir
    Path dir;
    private StandInLauncher launcher;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        launcher = new StandInLauncher(dir);
    }

    @Test
    void theJvmsTempDirIsTheUsersOwnWithMode700() throws Exception {
        Path cache = dir.resolve("cache");
        StandInLauncher.Run run = launch(Map.of("XDG_CACHE_HOME", cache.toString()), "ports");
        assertEquals(0, run.exit(), run.text());
        Path tmp = cache.resolve("picoloop/tmp");
        assertTrue(run.args().contains("-Djava.io.tmpdir=" + tmp), run.text());
        assertEquals(List.of("-jar", launcher.jar.toString(), "ports"),
                run.lastArgs(3), run.text());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.getParent())),
                "the directory above it is created private too");
    }

    @Test
    void anExistingDirectoryIsMadePrivateAndYourOwnJavaProgramGetsItToo() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("cache/picoloop/tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        StandInLauncher.Run run = launch(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "MyLab.java", "x");
        assertEquals(0, run.exit(), run.text());
        assertTrue(run.args().contains("-Djava.io.tmpdir=" + tmp), run.text());
        assertEquals(List.of("MyLab.java", "x"), run.lastArgs(2), run.text());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
    }

    @Test
    void picoloopTmpdirIsUsedAsItIs() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("exec-ok"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-x---"));
        StandInLauncher.Run run = launch(Map.of("PICOLOOP_TMPDIR", mine.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()),
                "ports");
        assertEquals(0, run.exit(), run.text());
        assertTrue(run.args().contains("-Djava.io.tmpdir=" + mine), run.text());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)), "left as it was");
        assertFalse(Files.exists(dir.resolve("cache")), run.text());
    }

    /** A directory someone else owns (here: nobody's) is refused, not used: its owner could plant the library. */
    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory away");
        Path tmp = Files.createDirectories(dir.resolve("cache/picoloop/tmp"));
        new ProcessBuilder("chown", "65534", tmp.toString()).inheritIO().start().waitFor();
        StandInLauncher.Run run = launch(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "ports");
        assertEquals(1, run.exit(), run.text());
        assertEquals("picoloop: " + tmp + " is not a directory of your own; remove it, or set PICOLOOP_TMPDIR",
                run.err().strip());
    }

    private StandInLauncher.Run launch(Map<String, String> env, String... args) throws Exception {
        return launcher.launch(env, args);
    }
}
