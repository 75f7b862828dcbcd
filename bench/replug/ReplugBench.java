import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Edge;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.device.Pull;
import io.picoloop.device.Reconnect;
import io.picoloop.device.WatchedInput;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.PinId;
import io.picoloop.transport.SerialTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unplug and plug the board again N times while a program runs on it, and check after every
 * replug that the program's state is back: an output it set high is high on the new boot, an
 * output it toggles every 50 ms toggles again, and the button it watches (pull-up, 5 ms debounce)
 * reports a press. Measures the time from the plug (the board's port is there again and its
 * bridge answers) to the client's "is back" (handshake and restore done), next to the same
 * program's fresh start on the same board (the baseline, measured first), and at the end compares
 * the JVM's threads and open file descriptors with those before the first unplug.
 *
 * <pre>java -cp CLASSES ReplugBench REPO_ROOT pty|rig CYCLES</pre>
 *
 * pty: the bridge firmware under CPython behind a pty (bridge-firmware/host/run_on_pty.py), killed
 * and started again behind the same link; "plugged" = the runner printed READY. rig: real
 * MicroPython on the emulated RP2040 (../shared/rp2040/rig unplug / plug); "plugged" = rig plug
 * returned (its USB is configured). Prints RESULT lines.
 */
public final class ReplugBench {

    private static Path root;

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        String mode = args[1];
        int cycles = Integer.parseInt(args[2]);
        Board board = mode.equals("rig") ? new RigBoard() : new PtyBoard();
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        // a slow emulator may take more than the default 2 s for its first answer
        DeviceOptions options = DeviceOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(10));
        // the baseline: a fresh start of the same program (open, handshake, keepalive, the same setup)
        double[] freshStart = new double[BASELINE_STARTS];
        for (int i = 0; i < BASELINE_STARTS; i++) {
            long t0 = System.nanoTime();
            try (Pico fresh = Pico.connect(SerialTransport.open(board.port()), options)) {
                setUp(fresh, new LinkedBlockingQueue<>());
                freshStart[i] = (System.nanoTime() - t0) / 1e6;
                fresh.allOff();
            }
        }
        Pico pico = Pico.connect(SerialTransport.open(board.port()), options,
                Reconnect.serialPaths(List.of()).withLimit(Duration.ofSeconds(60)));
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();     // every warning, for a failed check
        pico.onWarning(w -> {
            said.add(w);
            warnings.add(w);
        });
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        WatchedInput button = setUp(pico, edges);
        EventLoop loop = EventLoop.create();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong toggles = new AtomicLong();
        CompletableFuture<Void> program = CompletableFuture.runAsync(() -> loop.run(() -> {
            OutputPin blink = pico.output(17);
            while (!stop.get()) {
                blink.toggle();
                toggles.incrementAndGet();
                Async.sleepMs(50);
            }
            return null;
        }), Thread.ofPlatform()::start);
        program.whenComplete((r, e) -> {
            if (e != null) {
                System.out.println("the program failed: " + e + "; the client said: " + said);
            }
        });
        while (toggles.get() < 5) {
            Thread.sleep(20);
        }
        board.pressAndRelease(14);
        take(edges, "a press before the first unplug");
        take(edges, "a release before the first unplug");
        System.gc();
        int threadsBefore = Thread.getAllStackTraces().size();
        long fdsBefore = openFds();
        double[] plugToRestored = new double[cycles];
        int failures = 0;
        for (int i = 0; i < cycles; i++) {
            said.clear();
            board.unplug();
            await(warnings, "waiting up to");
            long plugged = board.plug();
            await(warnings, "is back on");
            plugToRestored[i] = (System.nanoTime() - plugged) / 1e6;
            String wrong = board.checkRestored(toggles, edges);
            if (wrong != null || !button.isActive()) {
                failures++;
                System.out.println("cycle " + (i + 1) + ": " + (wrong != null ? wrong : "the watch ended: " + button.endReason())
                        + "; the client said: " + said);
            }
        }
        stop.set(true);
        try {
            program.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failures++;     // said above when it happened
        }
        System.gc();
        Thread.sleep(500);      // threads of closed links end on their own read timeout (100 ms)
        int threadsAfter = Thread.getAllStackTraces().size();
        long fdsAfter = openFds();
        long picoloopThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("picoloop-reader") || t.getName().startsWith("picoloop-writer")
                        || t.getName().startsWith("picoloop-reconnect")).count();
        Arrays.sort(plugToRestored);
        Arrays.sort(freshStart);
        System.out.printf("RESULT baseline_fresh_start_ms (open + hello + keepalive + the same setup, %d starts)"
                + " p50=%.0f max=%.0f min=%.0f%n", BASELINE_STARTS, pct(freshStart, 50), freshStart[BASELINE_STARTS - 1],
                freshStart[0]);
        System.out.printf("RESULT mode=%s cycles=%d reconnects=%d state_checks_failed=%d%n", board.name(), cycles,
                pico.reconnects(), failures);
        System.out.printf("RESULT plug_to_restored_ms p50=%.0f p95=%.0f max=%.0f min=%.0f%n", pct(plugToRestored, 50),
                pct(plugToRestored, 95), plugToRestored[cycles - 1], plugToRestored[0]);
        System.out.printf("RESULT threads before=%d after=%d (link threads now: %d, one reader and one writer expected)%n",
                threadsBefore, threadsAfter, picoloopThreads);
        System.out.printf("RESULT open_fds before=%d after=%d%n", fdsBefore, fdsAfter);
        pico.close();
        board.close();
    }

    private static final int BASELINE_STARTS = 5;

    /** The program's setup: GP16 an output driven high, GP17 an output, GP14 a watched button. */
    private static WatchedInput setUp(Pico pico, BlockingQueue<Edge> edges) {
        pico.output(16).on();
        pico.output(17);
        return pico.watch(PinId.gpio(14), Pull.UP, Duration.ofMillis(5), w -> w.addListener(edges::add));
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static Edge take(BlockingQueue<Edge> edges, String what) throws InterruptedException {
        Edge e = edges.poll(20, TimeUnit.SECONDS);
        if (e == null) {
            throw new IllegalStateException("no edge: " + what);
        }
        return e;
    }

    private static void await(BlockingQueue<String> warnings, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String w = warnings.poll(50, TimeUnit.MILLISECONDS);
            if (w != null && w.contains(part)) {
                return;
            }
        }
        throw new IllegalStateException("no warning with \"" + part + "\" within 90 s");
    }

    /** After a replug: GP16 high again, GP17 toggling again, a press on GP14 reported; null when so. */
    private static String checkState(Board board, AtomicLong toggles, BlockingQueue<Edge> edges) throws Exception {
        long t = toggles.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (toggles.get() < t + 3) {
            if (System.nanoTime() > deadline) {
                return "GP17 stopped toggling";
            }
            Thread.sleep(10);
        }
        if (board.lastLevel(16) != 1) {
            return "GP16 is not high on the new boot";
        }
        if (board.changesSinceBoot(17) < 3) {
            return "GP17 toggled fewer than 3 times on the new boot";
        }
        edges.clear();      // the true level after the gap, if it differed
        board.pressAndRelease(14);
        Edge press = edges.poll(10, TimeUnit.SECONDS);
        if (press == null || press.level()) {
            return "no press reported after the replug: " + press;
        }
        Edge release = edges.poll(10, TimeUnit.SECONDS);
        return release == null || !release.level() ? "no release reported: " + release : null;
    }

    private interface Board extends AutoCloseable {
        String name();

        String port();

        void unplug() throws Exception;

        /** Plugs it in again; System.nanoTime() when its port answers again. */
        long plug() throws Exception;

        void pressAndRelease(int pin) throws Exception;

        int lastLevel(int pin) throws Exception;

        int changesSinceBoot(int pin) throws Exception;

        default String checkRestored(AtomicLong toggles, BlockingQueue<Edge> edges) throws Exception {
            return checkState(this, toggles, edges);
        }
    }

    /** The bridge under CPython behind a pty, killed and started again (bridge-firmware/host/run_on_pty.py). */
    private static final class PtyBoard implements Board {
        final Path dir = Files.createTempDirectory("picoloop-replug-bench");
        Process runner;
        int boot;

        PtyBoard() throws Exception {
            start();
        }

        private long start() throws Exception {
            boot++;
            Path record = dir.resolve("pins-" + boot + ".jsonl");
            runner = BenchBoards.startPtyFirmware(root, Path.of(port()), dir.resolve("firmware.log"), "--record",
                    record.toString(), "--control", dir.resolve("pins.ctl").toString(), "--uid", "E6614103BEEF0001");
            return System.nanoTime();
        }

        @Override
        public String name() {
            return "pty";
        }

        @Override
        public String port() {
            return dir.resolve("tty").toString();
        }

        @Override
        public void unplug() throws Exception {
            runner.destroyForcibly();
            runner.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(Path.of(port()));      // the device node goes with the cable
        }

        @Override
        public long plug() throws Exception {
            return start();
        }

        @Override
        public void pressAndRelease(int pin) throws Exception {
            Files.writeString(dir.resolve("pins.ctl"), pin + " 0 @0\n", StandardOpenOption.APPEND);
            Thread.sleep(30);
            Files.writeString(dir.resolve("pins.ctl"), pin + " 1 @0\n", StandardOpenOption.APPEND);
        }

        private List<Integer> levels(int pin) throws IOException {
            List<Integer> out = new ArrayList<>();
            for (String l : Files.readAllLines(dir.resolve("pins-" + boot + ".jsonl"))) {
                if (!l.contains("\"input\": true") && l.contains("\"pin\": " + pin + ",")) {
                    out.add(l.contains("\"level\": 1") ? 1 : 0);
                }
            }
            return out;
        }

        @Override
        public int lastLevel(int pin) throws Exception {
            List<Integer> l = levels(pin);
            return l.isEmpty() ? -1 : l.getLast();
        }

        @Override
        public int changesSinceBoot(int pin) throws Exception {
            return levels(pin).size();
        }

        @Override
        public void close() throws Exception {
            runner.destroy();
            runner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Real MicroPython v1.28.0 on the emulated RP2040: rig unplug / plug. */
    private static final class RigBoard implements Board {
        final Path rig = BenchBoards.rig(root);
        final Path run = Files.createTempDirectory("picoloop-replug-rig");

        RigBoard() throws Exception {
            BenchBoards.startRig(root, run);
        }

        private void rig(List<String> cmd) throws Exception {
            BenchBoards.run(cmd);
        }

        private void rig(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("bash", rig.toString()));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("-r", run.toString()));
            rig(cmd);
        }

        @Override
        public String name() {
            return "rig";
        }

        @Override
        public String port() {
            return run.resolve("tty").toString();
        }

        @Override
        public void unplug() throws Exception {
            rig("unplug");
        }

        @Override
        public long plug() throws Exception {
            rig("plug");
            return System.nanoTime();
        }

        @Override
        public void pressAndRelease(int pin) throws Exception {
            rig(List.of("bash", rig.toString(), "ctl", "-r", run.toString(), "press", Integer.toString(pin)));
            rig(List.of("bash", rig.toString(), "ctl", "-r", run.toString(), "release", Integer.toString(pin)));
        }

        /** GPIO lines of the pin since the last BOOT: their levels. */
        private List<Integer> levels(int pin) throws IOException {
            List<Integer> out = new ArrayList<>();
            for (String l : Files.readAllLines(run.resolve("gpio.log"))) {
                String[] f = l.trim().split("\\s+");
                if (f[0].equals("BOOT")) {
                    out.clear();
                } else if (f[0].equals("GPIO") && f[1].equals(Integer.toString(pin))) {
                    out.add(Integer.parseInt(f[2]));
                }
            }
            return out;
        }

        @Override
        public int lastLevel(int pin) throws Exception {
            List<Integer> l = levels(pin);
            return l.isEmpty() ? -1 : l.getLast();
        }

        @Override
        public int changesSinceBoot(int pin) throws Exception {
            return levels(pin).size();
        }

        @Override
        public void close() throws Exception {
            rig("stop");
        }
    }
}
