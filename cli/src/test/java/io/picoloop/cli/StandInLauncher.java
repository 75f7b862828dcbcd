package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * its arguments, one per line: the launcher's java command line without a JVM. It also appends
 * each call's arguments as one line to {@link #calls}, and plays the JDK's part in the start-up
 * cache: {@code -XX:AOTCacheOutput=F} writes F (after STANDIN_TRAINING_SECONDS; or fails with
 * STANDIN_TRAINING_FAILS=1; on a terminal it also writes {@link #trainedOn()}), a check with
 * {@code -XX:AOTMode=on} succeeds. The launcher makes a cache only for a JDK with a
 * {@code lib/server/libjvm.so}, which this one has after {@link #withStartupCacheSupport()}.
 */
final class StandInLauncher {

    final Path root;
    final Path jar;
    final Path javaHome;
    /** The stand-in java's calls, one line of arguments each. */
    final Path calls;
    private final Path dir;

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
        calls = dir.resolve("java-calls.txt");
        executable(javaHome.resolve("bin/java"), """
                #!/bin/sh
                echo "$*" >>'%s'
                if [ "$1" = "-XshowSettings:properties" ]; then echo '    java.specification.version = 25' >&2; exit 0; fi
                case "$1" in
                    -XX:AOTCacheOutput=*)
                        [ -n "$STANDIN_TRAINING_FAILS" ] && exit 1
                        if [ -t 0 ] && [ -t 1 ]; then echo terminal >'%s'; fi
                        sleep "${STANDIN_TRAINING_SECONDS:-0}"
                        printf aot >"${1#-XX:AOTCacheOutput=}"; exit 0 ;;
                    -XX:AOTCache=*) [ "$2" = "-XX:AOTMode=on" ] && exit 0 ;;
                esac
                printf '%%s\\n' "$@"
                """.formatted(calls, trainedOn()));
        executable(javaHome.resolve("bin/javac"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("MyLab.java"), "");     // the program the tests name, in the launcher's working directory
    }

    /** Gives the stand-in JDK what the launcher's start-up cache is keyed by; returns this. */
    StandInLauncher withStartupCacheSupport() throws Exception {
        Files.createDirectories(javaHome.resolve("lib/server"));
        Files.writeString(javaHome.resolve("lib/server/libjvm.so"), "");
        Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        return this;
    }

    /** Written by a training run whose stdin and stdout were a terminal. */
    Path trainedOn() {
        return dir.resolve("training-on-a-terminal");
    }

    /** The stand-in java's calls so far, one line of arguments each. */
    List<String> calls() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
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
     * Runs the launcher with {@code args}, in {@code dir} (where MyLab.java is); PICOLOOP_TMPDIR, PICOLOOP_CLASSPATH and XDG_CACHE_HOME
     * are unset unless {@code env} sets them.
     */
    Run launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("picoloop").toString()).directory(dir.toFile());
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

    /** {@link #launch} with XDG_CACHE_HOME set to {@code cache} besides {@code env}; it must succeed. */
    Run launchSucceeding(Path cache, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("XDG_CACHE_HOME", cache.toString());
        Run run = launch(all, args);
        assertEquals(0, run.exit(), run.text());
        return run;
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
