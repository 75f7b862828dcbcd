import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The boards the benchmarks run on, started the same way for each: the bridge under CPython
 * behind a pty, and real MicroPython on the emulated RP2040 (../shared/rp2040).
 */
final class BenchBoards {

    private BenchBoards() {
    }

    /**
     * Starts the bridge firmware under CPython behind a pty at {@code link}
     * (bridge-firmware/host/run_on_pty.py, its stderr appended to {@code log}) and returns once it
     * printed READY.
     */
    static Process startPtyFirmware(Path root, Path link, Path log, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", root.resolve("bridge-firmware/host/run_on_pty.py").toString(),
                "--link", link.toString()));
        cmd.addAll(List.of(options));
        Process runner = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            // the runner's own chatter
        }
        if (line == null) {
            throw new IllegalStateException("the firmware runner ended: " + Files.readString(log));
        }
        return runner;
    }

    /** The rig's script: {@code $PICOLOOP_RIG}, else ../shared/rp2040/rig beside the repository (as the tests find it). */
    static Path rig(Path root) {
        String env = System.getenv("PICOLOOP_RIG");
        return env != null && !env.isBlank() ? Path.of(env) : root.resolveSibling("shared/rp2040/rig");
    }

    /** Powers up a rig board in {@code run} with the bridge firmware on it. */
    static void startRig(Path root, Path run) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", rig(root).toString(), "start", "-r", run.toString(),
                root.resolve("bridge-firmware/main.py").toString()));
        try (var s = Files.list(root.resolve("bridge-firmware"))) {
            s.filter(p -> p.getFileName().toString().matches("bridge.*\\.py")).sorted().forEach(p -> cmd.add(p.toString()));
        }
        run(cmd);
    }

    /** Runs {@code cmd} (a rig command) to its end; fails with its output if it fails. */
    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
