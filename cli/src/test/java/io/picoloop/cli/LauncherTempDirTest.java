package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./picoloop} launcher gives the JVM a temporary directory of the user's own (mode 700):
 * jSerialComm extracts its native library under java.io.tmpdir, world-writable, and loads a file
 * already there unchecked, so the shared /tmp would let another user plant code. The launcher runs
 * here as a copy next to a stand-in jar and a stand-in JDK whose {@code java} prints its arguments:
 * no build, no JVM.
 */
class LauncherTempDirTest {

    @TempDir
    Path dir;
    private Path root;
    private Path javaHome;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(RepoRoot.get().resolve("picoloop"), root.resolve("picoloop"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(RepoRoot.get().resolve("scripts/find-jdk25.sh"), root.resolve("scripts/find-jdk25.sh"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/picoloop.jar"), "");     // no sources beside it: never stale
        javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        executable(javaHome.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = "-XshowSettings:properties" ]; then echo '    java.specification.version = 25' >&2; exit 0; fi
                printf '%s\\n' "$@"
                """);
        executable(javaHome.resolve("bin/javac"), "#!/bin/sh\n");
    }

    @Test
    void theJvmsTempDirIsTheUsersOwnWithMode700() throws Exception {
        Path cache = dir.resolve("cache");
        Run run = launch(Map.of("XDG_CACHE_HOME", cache.toString()), "ports");
        assertEquals(0, run.exit, run.text);
        Path tmp = cache.resolve("picoloop/tmp");
        assertTrue(run.args.contains("-Djava.io.tmpdir=" + tmp), run.text);
        assertEquals(List.of("-jar", root.resolve("cli/target/picoloop.jar").toString(), "ports"),
                run.args.subList(run.args.size() - 3, run.args.size()), run.text);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.getParent())),
                "the directory above it is created private too");
    }

    @Test
    void anExistingDirectoryIsMadePrivateAndYourOwnJavaProgramGetsItToo() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("cache/picoloop/tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run run = launch(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "MyLab.java", "x");
        assertEquals(0, run.exit, run.text);
        assertTrue(run.args.contains("-Djava.io.tmpdir=" + tmp), run.text);
        assertEquals(List.of("MyLab.java", "x"), run.args.subList(run.args.size() - 2, run.args.size()), run.text);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
    }

    @Test
    void picoloopTmpdirIsUsedAsItIs() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("exec-ok"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-x---"));
        Run run = launch(Map.of("PICOLOOP_TMPDIR", mine.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()),
                "ports");
        assertEquals(0, run.exit, run.text);
        assertTrue(run.args.contains("-Djava.io.tmpdir=" + mine), run.text);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)), "left as it was");
        assertFalse(Files.exists(dir.resolve("cache")), run.text);
    }

    /** A directory someone else owns (here: nobody's) is refused, not used: its owner could plant the library. */
    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory away");
        Path tmp = Files.createDirectories(dir.resolve("cache/picoloop/tmp"));
        new ProcessBuilder("chown", "65534", tmp.toString()).inheritIO().start().waitFor();
        Run run = launch(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "ports");
        assertEquals(1, run.exit, run.text);
        assertEquals("picoloop: " + tmp + " is not a directory of your own; remove it, or set PICOLOOP_TMPDIR",
                run.text.strip());
    }

    private record Run(int exit, List<String> args, String text) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("picoloop").toString());
        pb.command().addAll(List.of(args));
        pb.environment().remove("PICOLOOP_TMPDIR");
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(30)), "the launcher finished");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), text.lines().toList(), text);
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
