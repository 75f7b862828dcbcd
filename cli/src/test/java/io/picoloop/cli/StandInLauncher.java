package io.picoloop.cli;

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
import java.util.Map;

/**
 * A copy of the {@code ./picoloop} launcher in {@code dir/repo}, beside an empty stand-in jar (no
 * sources beside it: never stale, so nothing is built) and a stand-in JDK whose {@code java} prints
 * its arguments, one per line: the launcher's java command line without a JVM.
 */
final class StandInLauncher {

    final Path root;
    final Path jar;
    private final Path dir;
    private final Path javaHome;

    StandInLauncher(Path dir) throws Exception {
        this.dir = dir;
        root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(RepoRoot.get().resolve("picoloop"), root.resolve("picoloop"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(RepoRoot.get().resolve("scripts/find-jdk25.sh"), root.resolve("scripts/find-jdk25.sh"));
        Files.createDirectories(root.resolve("cli/target"));
        jar = root.resolve("cli/target/picoloop.jar");
        Files.writeString(jar, "");
        javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        executable(javaHome.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = "-XshowSettings:properties" ]; then echo '    java.specification.version = 25' >&2; exit 0; fi
                printf '%s\\n' "$@"
                """);
        executable(javaHome.resolve("bin/javac"), "#!/bin/sh\n");
    }

    /** What the launcher did: its exit status, the stand-in java's arguments, and its own stderr. */
    record Run(int exit, List<String> args, String err) {
        String text() {
            return "exit " + exit + "\nargs " + args + "\nstderr " + err;
        }

        List<String> lastArgs(int n) {
            return args.subList(args.size() - n, args.size());
        }
    }

    /**
     * Runs the launcher with {@code args}; PICOLOOP_TMPDIR, PICOLOOP_CLASSPATH and XDG_CACHE_HOME
     * are unset unless {@code env} sets them.
     */
    Run launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("picoloop").toString());
        pb.command().addAll(List.of(args));
        pb.environment().remove("PICOLOOP_TMPDIR");
        pb.environment().remove("PICOLOOP_CLASSPATH");
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = pb.redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(30)), "the launcher finished");
        return new Run(p.exitValue(), out.lines().toList(), Files.readString(err));
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
