import io.picoloop.button.Button;
import io.picoloop.button.ButtonEvent;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.loop.EventLoop;
import io.picoloop.transport.LineListener;
import io.picoloop.transport.SerialTransport;
import io.picoloop.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Edge-to-task latency over the pty path, next to the raw pty echo round trip of the same run.
 *
 * <pre>java -cp CLASSES EdgeBench REPO_ROOT PRESSES ECHOES</pre>
 *
 * <ol>
 *   <li>clock: Python's time.monotonic_ns() lies between two System.nanoTime() reads (both
 *       CLOCK_MONOTONIC on Linux), so the two sides' stamps can be subtracted;</li>
 *   <li>echo: a line written to a pty whose far end is a plain Python echo peer, read back by
 *       SerialTransport's reader thread (the raw round trip), 2 ms apart, and again 25-31 ms apart
 *       like the edges; and, inside every edge round, one round trip half-way between two edges
 *       (the interleaved echo: the same moments and the same idle before each as the edges);</li>
 *   <li>edges: the bridge firmware under CPython behind a pty; the stand-in pin changes through the
 *       control FIFO, stamped just before the IRQ handler runs; a picoloop task awaiting
 *       Button.awaitPress()/awaitRelease() stamps when it resumes. Latency = resume - stamp.
 *       Six rounds, each with its own firmware process and client: the default client and one
 *       with {@code callbackExecutor(loop::post)}, alternating; the first four run before the
 *       JIT has compiled the path and are reported but not counted. Then a seventh round with
 *       the edges 2-3 ms apart and a 1 ms debounce: the 2 ms echo's spacing, for a like-for-like
 *       comparison with it.</li>
 * </ol>
 * Prints RESULT lines.
 */
public final class EdgeBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int presses = Integer.parseInt(args[1]);
        int echoes = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("picoloop-edge-bench");
        checkClock();
        double[] echo = echo(root, dir, echoes, false);
        report("pty_echo_rtt", echo);
        // the same echo with the edges' spacing (25-31 ms idle before each round trip, not 2 ms)
        double[] echoSpaced = echo(root, dir, 2 * presses, true);
        report("pty_echo_rtt_edge_spacing", echoSpaced);
        // Four rounds of the same size, both clients, reported but not counted: C2 is still
        // compiling the path through the fourth round of 600 edges (JIT time per round, 3 runs:
        // 255-332, 103-108, 72-79, 141-177, then 20-25 ms; "jit_ms"), and a round's p99 moved
        // with its place in that order more than with its client.
        for (int i = 0; i < 4; i++) {
            boolean onLoop = i % 2 == 1;
            reportEdges(onLoop ? "warm_up_callbacks_on_loop_not_counted" : "warm_up_default_client_not_counted",
                    edges(root, dir, presses, onLoop));
        }
        Result r = edges(root, dir, presses, false);
        reportEdges("edge_to_task", r);
        report("edge_host_time_error", r.mappingError);
        report("ping_rtt", r.ping);
        Result viaLoop = edges(root, dir, presses, true);
        reportEdges("edge_to_task_callbacks_on_loop", viaLoop);
        // Like for like at the 2 ms echo's spacing: edges 2-3 ms apart (1 ms debounce), faster than a
        // button allows but as hot as that echo; the same code path, counted after the rounds above
        Result hot = edges(root, dir, presses, false, true);
        reportEdges("edge_to_task_2ms_spacing", hot);
        // Java's own hand-off without the pty: a plain thread posts to the loop, a task wakes
        report("loop_post_to_task", postToTask(echoes, false));
        report("loop_post_to_task_edge_spacing", postToTask(2 * presses, true));
        System.out.printf("RESULT ratio_p50 %.2f%n", pct(r.latency, 50) / pct(echo, 50));
        System.out.printf("RESULT ratio_p99 %.2f (target: at most 2)%n", pct(r.latency, 99) / pct(echo, 99));
        System.out.printf("RESULT ratio_p99_callbacks_on_loop %.2f%n", pct(viaLoop.latency, 99) / pct(echo, 99));
        System.out.printf("RESULT ratio_p99_edge_spacing_echo %.2f (callbacks on the loop: %.2f)%n",
                pct(r.latency, 99) / pct(echoSpaced, 99), pct(viaLoop.latency, 99) / pct(echoSpaced, 99));
        System.out.printf("RESULT ratio_p99_interleaved_echo %.2f (callbacks on the loop: %.2f)%n",
                pct(r.latency, 99) / pct(r.echoInterleaved, 99), pct(viaLoop.latency, 99) / pct(viaLoop.echoInterleaved, 99));
        System.out.printf("RESULT ratio_p99_2ms_spacing %.2f to the 2 ms echo, %.2f to its interleaved echo%n",
                pct(hot.latency, 99) / pct(echo, 99), pct(hot.latency, 99) / pct(hot.echoInterleaved, 99));
    }

    /**
     * Per edge, microseconds: latency = pin change to task resumed, split into toReader (pin
     * change to the "! edge" line on the reader thread) = firmware (pin change to the firmware's
     * os.write of the line) + ptyToReader (that write's start to the reader thread), and
     * readerToTask. firmware and ptyToReader are null when the lines could not be paired.
     */
    record Result(double[] latency, double[] toReader, double[] firmware, double[] ptyToReader, double[] readerToTask,
                  double[] mappingError, double[] ping, long jitMillis, double[] echoInterleaved) {
    }

    static void reportEdges(String name, Result r) {
        report(name, r.latency);
        System.out.printf("RESULT   jit_ms %d (JIT compile time during the round)%n", r.jitMillis);
        report("  edge_to_reader_thread", r.toReader);
        if (r.firmware != null) {
            report("    firmware_pin_to_pty_write", r.firmware);
            report("    pty_write_to_reader_thread", r.ptyToReader);
        }
        report("  reader_thread_to_task", r.readerToTask);
        report("  pty_echo_rtt_interleaved", r.echoInterleaved);
    }

    static void checkClock() throws Exception {
        int ok = 0;
        for (int i = 0; i < 5; i++) {
            long before = System.nanoTime();
            Process p = new ProcessBuilder("python3", "-c", "import time; print(time.monotonic_ns())").start();
            long py = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
            p.waitFor();
            long after = System.nanoTime();
            if (before <= py && py <= after) {
                ok++;
            }
        }
        System.out.printf("RESULT clock_shared %d/5 (python monotonic_ns between two System.nanoTime reads)%n", ok);
        if (ok != 5) {
            throw new IllegalStateException("Python's time.monotonic_ns() and System.nanoTime() are not the same clock here");
        }
    }

    static Process startPython(Path dir, String name, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".log").toFile()).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = r.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IOException(name + " did not start: " + Files.readString(dir.resolve(name + ".log")));
        }
        return p;
    }

    /** @param edgeSpacing 25-31 ms between round trips, as between the edges (else 2 ms) */
    static double[] echo(Path root, Path dir, int n, boolean edgeSpacing) throws Exception {
        try (EchoPeer peer = EchoPeer.start(root, dir)) {
            int warm = Math.min(edgeSpacing ? 20 : 200, n);
            double[] out = new double[n];
            for (int i = -warm; i < n; i++) {
                double rtt = peer.roundTrip();
                if (i >= 0) {
                    out[i] = rtt;
                }
                Thread.sleep(edgeSpacing ? 25 + ((i + warm) % 7) : 2);
            }
            return out;
        }
    }

    /** A plain Python echo peer behind its own pty, opened with SerialTransport like the board. */
    static final class EchoPeer implements AutoCloseable {
        private final Process process;
        private final SerialTransport port;
        private final BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(16);

        private EchoPeer(Process process, SerialTransport port) {
            this.process = process;
            this.port = port;
        }

        static EchoPeer start(Path root, Path dir) throws Exception {
            Path link = Files.createTempDirectory(dir, "echo").resolve("ttyECHO");
            Process p = startPython(link.getParent(), "echo", "python3", root.resolve("bench/edges/echo_pty.py").toString(),
                    link.toString());
            EchoPeer peer = new EchoPeer(p, SerialTransport.open(link.toString()));
            peer.port.start(new LineListener() {
                @Override
                public void onLine(byte[] line) {
                    peer.arrivals.add(System.nanoTime());
                }

                @Override
                public void onClosed(Throwable cause) {
                }
            });
            return peer;
        }

        /** One round trip, microseconds: the line written, back on the reader thread. */
        double roundTrip() throws InterruptedException {
            long sent = System.nanoTime();
            port.send("12345 ping");
            Long back = arrivals.poll(5, TimeUnit.SECONDS);
            if (back == null) {
                throw new IllegalStateException("the echo peer did not answer");
            }
            return (back - sent) / 1e3;
        }

        @Override
        public void close() throws InterruptedException {
            port.close();
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * A plain thread calls {@code loop.post(event::set)} (what a Button's listener does from the
     * reader thread); a task awaiting the event stamps when it resumes. No pty, no firmware.
     *
     * @param edgeSpacing 25-31 ms between posts, as between the edges (else 2 ms)
     */
    static double[] postToTask(int n, boolean edgeSpacing) throws Exception {
        int warm = edgeSpacing ? 20 : 200;
        double[] out = new double[n];
        BlockingQueue<Long> resumed = new ArrayBlockingQueue<>(1);
        try (EventLoop loop = EventLoop.create()) {
            loop.run(() -> {
                io.picoloop.loop.Event event = new io.picoloop.loop.Event();
                Thread.ofPlatform().daemon().name("poster").start(() -> {
                    try {
                        for (int i = -warm; i < n; i++) {
                            Thread.sleep(edgeSpacing ? 25 + ((i + warm) % 7) : 2);
                            long sent = System.nanoTime();
                            loop.post(event::set);
                            long back = resumed.take();
                            if (i >= 0) {
                                out[i] = (back - sent) / 1e3;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                for (int i = -warm; i < n; i++) {
                    event.await();
                    resumed.add(System.nanoTime());
                    event.clear();
                }
                return null; // the poster ends after its last take
            });
        }
        return out;
    }

    /** @param callbacksOnLoop the client's callback executor is {@code loop::post} (else its own thread, the default) */
    static Result edges(Path root, Path parent, int n, boolean callbacksOnLoop) throws Exception {
        return edges(root, parent, n, callbacksOnLoop, false);
    }

    /**
     * @param hot edges 2-3 ms apart with a 1 ms debounce (the 2 ms echo's spacing), else 25-31 ms
     *            apart with the default 20 ms debounce (what a real button allows)
     */
    static Result edges(Path root, Path parent, int n, boolean callbacksOnLoop, boolean hot) throws Exception {
        try (EchoPeer echoPeer = EchoPeer.start(root, parent)) {
            return edges(root, parent, n, callbacksOnLoop, echoPeer, hot);
        }
    }

    /** One round; half-way between two edges, one round trip to {@code echoPeer} (the interleaved echo). */
    static Result edges(Path root, Path parent, int n, boolean callbacksOnLoop, EchoPeer echoPeer, boolean hot)
            throws Exception {
        Path dir = Files.createTempDirectory(parent, "edges");
        Path link = dir.resolve("ttyPICO");
        Path control = dir.resolve("pins.ctl");
        Path stamps = dir.resolve("stamps.txt");
        Process fw = startPython(dir, "firmware", "python3", root.resolve("bench/edges/stamped_runner.py").toString(),
                "--stamps", stamps.toString(), "--link", link.toString(), "--record", dir.resolve("pins.jsonl").toString(),
                "--board", "pico", "--control", control.toString());
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        EventLoop loop = EventLoop.create();
        BlockingQueue<Boolean> resumed = new java.util.concurrent.LinkedBlockingQueue<>();
        long[] resumes = new long[2 * n];
        long[] mapped = new long[2 * n];
        double[] echoes = new double[2 * n];
        List<Double> pings = new ArrayList<>();
        List<Long> readerArrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        Transport serial = SerialTransport.open(link.toString());
        // stamps each "! edge" line when the reader thread hands it over, to split the latency
        Transport stamped = new Transport() {
            public void start(LineListener l) {
                serial.start(new LineListener() {
                    public void onLine(byte[] line) {
                        if (line.length > 6 && line[0] == '!' && line[2] == 'e') {
                            readerArrivals.add(System.nanoTime());
                        }
                        l.onLine(line);
                    }

                    public void onGarbage(String d) {
                        l.onGarbage(d);
                    }

                    public void onClosed(Throwable c) {
                        l.onClosed(c);
                    }
                });
            }

            public void send(String line) {
                serial.send(line);
            }

            public void sendBytes(byte[] line) {
                serial.sendBytes(line);
            }

            public String description() {
                return serial.description();
            }

            public boolean isOpen() {
                return serial.isOpen();
            }

            public void close() {
                serial.close();
            }
        };
        DeviceOptions options = DeviceOptions.defaults();
        if (callbacksOnLoop) {
            options = options.withCallbackExecutor(loop::post);
        }
        DeviceOptions opts = options;
        long[] jitMillis = {0};
        String[] phase = {"connecting"};   // diagnostics only (racy reads are fine)
        Button[] button = {null};
        try {
            Thread driver = Thread.ofPlatform().daemon().name("driver").unstarted(() -> {
                try {
                    for (int i = 0; i < 2 * n; i++) {
                        Files.writeString(control, "14 " + (i % 2 == 0 ? 0 : 1) + "\n", StandardCharsets.US_ASCII,
                                StandardOpenOption.APPEND);
                        if (resumed.poll(5, TimeUnit.SECONDS) == null) {
                            // what was seen, to tell a lost line from a lost wake-up
                            Path dump = dir.resolve("threads.json");
                            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                            System.err.println("all threads, virtual ones too: " + dump);
                            Button b = button[0];
                            throw new IllegalStateException("edge " + i + " never reached the task; the task is at \""
                                    + phase[0] + "\"; '! edge' lines on the reader thread: " + readerArrivals.size()
                                    + "; edges the watched input got: " + (b == null ? "?" : b.input().edgeCount())
                                    + "; its level: " + (b == null ? "?" : b.input().level()) + "; loop: " + loop.stats()
                                    + "; firmware log: " + Files.readString(dir.resolve("firmware.log")));
                        }
                        // 25-31 ms: past the 20 ms debounce window, not in lock-step with anything (hot: 2-3 ms,
                        // past a 1 ms window, as the 2 ms echo); half-way,
                        // an echo round trip: the baseline at the same moments, after the same idle
                        int gap = hot ? 2 + (i % 2) : 25 + (i % 7);
                        Thread.sleep(gap / 2);
                        echoes[i] = echoPeer.roundTrip();
                        Thread.sleep(gap - gap / 2);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    loop.requestStop();
                }
            });
            loop.run(() -> {
                // connected in a task: with loop::post as the callback executor the handshake completes on the loop
                try (Pico pico = Pico.connect(stamped, opts)) {
                    Button b = Button.on(pico, 14).debounce(Duration.ofMillis(hot ? 1 : 20)).open();
                    button[0] = b;
                    driver.start();
                    for (int i = 0; i < 2 * n; i++) {
                        phase[0] = "awaiting edge " + i;
                        ButtonEvent e = i % 2 == 0 ? b.awaitPress(Duration.ofSeconds(10)) : b.awaitRelease(Duration.ofSeconds(10));
                        resumes[i] = System.nanoTime();
                        mapped[i] = e.hostNanos();
                        resumed.add(true); // never blocks the loop
                        if (i % 20 == 0) {
                            phase[0] = "ping after edge " + i;
                            pings.add(pico.ping().roundTrip().toNanos() / 1e3);
                        }
                    }
                    b.close();
                }
                return null;
            });
            driver.join(5000);
        } finally {
            jitMillis[0] = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
            loop.close();
            fw.destroy();
            fw.waitFor(5, TimeUnit.SECONDS);
        }
        List<String> all = Files.readAllLines(stamps);
        List<String> lines = all.stream().filter(l -> l.startsWith("14 ")).toList();
        if (lines.size() != 2 * n) {
            throw new IllegalStateException("expected " + 2 * n + " stamps, found " + lines.size());
        }
        // one "! edge" line per clean edge, in order: paired by position (else no split)
        List<String> writes = all.stream().filter(l -> l.startsWith("w ")).toList();
        boolean paired = writes.size() == 2 * n;
        if (!paired) {
            System.out.printf("NOTE %d edge-line writes for %d edges: no firmware/pty split this round%n", writes.size(), 2 * n);
        }
        double[] firmware = paired ? new double[2 * n] : null;
        double[] ptyToReader = paired ? new double[2 * n] : null;
        double[] latency = new double[2 * n];
        double[] error = new double[2 * n];
        double[] toReader = new double[2 * n];
        double[] readerToTask = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            long stamp = Long.parseLong(lines.get(i).split(" ")[2]);
            latency[i] = (resumes[i] - stamp) / 1e3;
            toReader[i] = (readerArrivals.get(i) - stamp) / 1e3;
            readerToTask[i] = (resumes[i] - readerArrivals.get(i)) / 1e3;
            error[i] = Math.abs(mapped[i] - stamp) / 1e3;
            if (paired) {
                long written = Long.parseLong(writes.get(i).split(" ")[1]);
                firmware[i] = (written - stamp) / 1e3;
                ptyToReader[i] = (readerArrivals.get(i) - written) / 1e3;
            }
        }
        return new Result(latency, toReader, firmware, ptyToReader, readerToTask, error,
                pings.stream().mapToDouble(Double::doubleValue).toArray(), jitMillis[0], echoes);
    }

    static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    static void report(String name, double[] us) {
        System.out.printf("RESULT %s n=%d p50=%.1fus p90=%.1fus p99=%.1fus max=%.1fus%n", name, us.length,
                pct(us, 50), pct(us, 90), pct(us, 99), pct(us, 100));
    }
}
