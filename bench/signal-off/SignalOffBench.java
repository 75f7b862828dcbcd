import io.picoloop.device.DeviceOptions;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.transport.SerialTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ctrl-C and kill: how long from the signal to every output of a program low on the board. A
 * {@code Picoloop.run} program ({@code ./picoloop Prog.java --port P --keepalive 0}, the user's path)
 * lights GP16 and the LED, prints "lit" and waits; the bench sends it SIGINT or SIGTERM (alternating)
 * with libc's kill(2) through the FFM API, its clock read right before the call (no kill process to
 * fork), and reads when the last of the two went low from the board's own record.
 *
 * <p>Baseline, in the same round on the same link: this JVM opens the board, drives GP16 high, then
 * times {@code off()} from the call to the pin low in the same record (and its round trip): what
 * one write costs on this link, board side included, with nothing else in the way.
 *
 * <pre>java -cp CLASSES SignalOffBench REPO_ROOT pty|rig ROUNDS [OTHER_ROOT]</pre>
 *
 * With OTHER_ROOT (another checkout, its jar built), each round runs its program too, in turn with
 * this one's: a before/after on the same board under the same load.
 *
 * pty: the bridge under CPython (bridge-firmware/host/run_on_pty.py); its record's times are
 * time.monotonic(), the clock of System.nanoTime here, so the figures are wall time. rig: real
 * MicroPython on the emulated RP2040 (../shared/rp2040); each gpio.log line carries the emulated
 * time and the host's wall clock (epoch ms, to the microsecond) when the emulator made the change:
 * the wall figure is what a user would see, the emulator's slowness on the board's side included;
 * the emulated figure counts from the board's time read (its control socket) just before the
 * signal, an upper bound. The signal comes 1 s after "lit" ({@code -DsettleMs}). Prints RESULT lines.
 */
public final class SignalOffBench {

    private static final Pattern PTY_RECORD = Pattern.compile(
            "\"t\"\\s*:\\s*([0-9.eE+-]+).*?\"pin\"\\s*:\\s*\"?(\\w+)\"?.*?\"level\"\\s*:\\s*([01])");
    private static final String PROG = """
            import io.picoloop.Picoloop;
            import io.picoloop.loop.Async;

            public class Prog {
                public static void main(String[] args) {
                    Picoloop.run(args, pico -> {
                        pico.output(16).on();
                        pico.output("LED").on();
                        System.out.println("lit");
                        Async.sleepMs(600_000);
                    });
                }
            }
            """;

    /** -Dtrace=DIR: a log per run of what the program's JVM loaded and started when, for "where the time goes". */
    private static final String TRACE = System.getProperty("trace");
    private static int traced;
    private static final long SETTLE_MS = Long.getLong("settleMs", 1000);
    private static Path root;
    private static MethodHandle kill;

    public static void main(String[] args) throws Throwable {
        root = Path.of(args[0]);
        String mode = args[1];
        int rounds = Integer.parseInt(args[2]);
        Linker linker = Linker.nativeLinker();
        kill = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        int self = (int) ProcessHandle.current().pid();
        int ignored = (int) kill.invokeExact(self, 0);     // linked and warm before the first measured call
        Path prog = Files.createTempDirectory("picoloop-signal-off").resolve("Prog.java");
        Files.writeString(prog, PROG);
        // the programs to compare, a round of each in turn: this checkout's, and another's when given
        List<Path> launchers = new ArrayList<>(List.of(root.resolve("picoloop")));
        if (args.length > 3) {
            launchers.add(Path.of(args[3]).resolve("picoloop"));
        }
        try (Board board = mode.equals("rig") ? new RigBoard() : new PtyBoard()) {
            List<List<double[]>> intRuns = new ArrayList<>();
            List<List<double[]>> termRuns = new ArrayList<>();
            for (Path ignoredLauncher : launchers) {
                intRuns.add(new ArrayList<>());
                termRuns.add(new ArrayList<>());
            }
            List<double[]> baseline = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                for (int l = 0; l < launchers.size(); l++) {
                    for (String sig : List.of("INT", "TERM")) {
                        double[] r = signalled(board, launchers.get(l), prog, sig);
                        (sig.equals("INT") ? intRuns : termRuns).get(l).add(r);
                        System.out.printf("round %d %s SIG%s: off after %.1f ms wall%s (exit %d)%n", i + 1, launchers.get(l),
                                sig, r[0], Double.isNaN(r[1]) ? "" : String.format(", %.1f ms emulated", r[1]), (int) r[2]);
                    }
                }
                double[] b = baseline(board);
                baseline.add(b);
                System.out.printf("round %d baseline: write to pin low %.1f ms wall%s, round trip %.1f ms%n", i + 1, b[0],
                        Double.isNaN(b[1]) ? "" : String.format(", %.1f ms emulated", b[1]), b[2]);
            }
            double base = pct(column(baseline, 0), 50);
            for (int l = 0; l < launchers.size(); l++) {
                System.out.println("RESULT program: " + launchers.get(l));
                report("SIGINT", column(intRuns.get(l), 0), column(intRuns.get(l), 1), base);
                report("SIGTERM", column(termRuns.get(l), 0), column(termRuns.get(l), 1), base);
            }
            double[] bw = column(baseline, 0);
            System.out.printf("RESULT baseline write_to_pin_low_ms wall p50=%.1f p95=%.1f max=%.1f; round_trip_ms p50=%.1f%s%n",
                    pct(bw, 50), pct(bw, 95), pct(bw, 100), pct(column(baseline, 2), 50),
                    Double.isNaN(baseline.getFirst()[1]) ? "" : String.format("; emulated p50=%.1f", pct(column(baseline, 1), 50)));
            long wrong = intRuns.stream().flatMap(List::stream).filter(r -> r[2] != 130).count()
                    + termRuns.stream().flatMap(List::stream).filter(r -> r[2] != 143).count();
            System.out.printf("RESULT mode=%s rounds=%d exits_wrong=%d%n", board.name(), rounds, wrong);
        }
    }

    private static void report(String name, double[] wall, double[] emu, double base) {
        System.out.printf("RESULT %s off_ms wall p50=%.1f p95=%.1f max=%.1f min=%.1f (x%.1f the baseline's p50)%s%n", name,
                pct(wall, 50), pct(wall, 95), pct(wall, 100), pct(wall, 0), pct(wall, 50) / base,
                Double.isNaN(emu[0]) ? "" : String.format("; emulated p50=%.1f p95=%.1f max=%.1f", pct(emu, 50), pct(emu, 95),
                        pct(emu, 100)));
    }

    /** {wall ms, emulated ms or NaN, exit code}: from the signal to the last of GP16 and the LED low. */
    private static double[] signalled(Board board, Path launcher, Path prog, String sig) throws Throwable {
        ProcessBuilder b = new ProcessBuilder(launcher.toString(), prog.toString(), "--port", board.port(),
                "--keepalive", "0").redirectError(ProcessBuilder.Redirect.DISCARD);
        Path trace = null;
        if (TRACE != null) {
            // where the time goes: each class the program loads, stamped on CLOCK_MONOTONIC as t0 below
            trace = Path.of(TRACE, "SIG" + sig + "-" + (++traced) + ".log");
            b.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info,os+thread=info:file=" + trace + ":timenanos,tid");
        }
        Process p = b.start();
        try {
            p.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("lit")) {
                // the panel or nothing
            }
            if (line == null) {
                throw new IllegalStateException("the program ended before lighting its LEDs (exit " + p.waitFor() + ")");
            }
            // as a user would, some time after it started: the start-up's own work (the JIT, TimerSlack's
            // native link on a helper thread) has ended and the program waits in its sleep
            Thread.sleep(SETTLE_MS);
            double emuBefore = board.emuMillis();
            long wallBefore = epochMicros();
            long t0 = System.nanoTime();
            int rc = (int) kill.invokeExact((int) p.pid(), sig.equals("INT") ? 2 : 15);
            if (rc != 0) {
                throw new IllegalStateException("kill failed: " + rc);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the program did not end after SIG" + sig);
            }
            double[] off = board.lastOff(List.of("16", "25"), t0, wallBefore, emuBefore);
            if (trace != null) {
                Files.writeString(trace, "SIGNAL SENT " + t0 + "ns; OFF " + off[0] + " ms after\n", java.nio.file.StandardOpenOption.APPEND);
            }
            return new double[] {off[0], off[1], p.exitValue()};
        } finally {
            p.destroyForcibly();
        }
    }

    /** {wall ms, emulated ms or NaN, round trip ms} of one off() on the same link, from this JVM. */
    private static double[] baseline(Board board) throws Exception {
        DeviceOptions options = DeviceOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(10))
                .withKeepalive(Duration.ZERO);
        try (Pico pico = Pico.connect(SerialTransport.open(board.port()), options)) {
            OutputPin gp16 = pico.output(16);
            gp16.on();
            Thread.sleep(50);
            double emuBefore = board.emuMillis();
            long wallBefore = epochMicros();
            long t0 = System.nanoTime();
            gp16.off();
            double roundTrip = (System.nanoTime() - t0) / 1e6;
            Thread.sleep(50);
            double[] off = board.lastOff(List.of("16"), t0, wallBefore, emuBefore);
            return new double[] {off[0], off[1], roundTrip};
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).sorted().toArray();
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    private interface Board extends AutoCloseable {
        String name();

        String port();

        /** The board's emulated time in ms, or NaN when it has none apart from the wall clock. */
        double emuMillis() throws IOException;

        /**
         * {wall ms, emulated ms or NaN} from the moment given (nanoTime, epoch us, emulated ms) to the
         * last of {@code pins} going low; fails if one of them is not low.
         */
        double[] lastOff(List<String> pins, long nanoBefore, long wallMicrosBefore, double emuBefore) throws Exception;
    }

    /** The bridge under CPython behind a pty; its pin record is on CLOCK_MONOTONIC, as System.nanoTime. */
    private static final class PtyBoard implements Board {
        final Path dir = Files.createTempDirectory("picoloop-signal-off-pty");
        final Process runner;

        PtyBoard() throws Exception {
            runner = BenchBoards.startPtyFirmware(root, Path.of(port()), dir.resolve("firmware.log"),
                    "--record", dir.resolve("pins.jsonl").toString(), "--uid", "E6614103BEEF0001");
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
        public double emuMillis() {
            return Double.NaN;
        }

        @Override
        public double[] lastOff(List<String> pins, long nanoBefore, long wallMicrosBefore, double emuBefore) throws Exception {
            double last = 0;
            for (String pin : pins) {
                double[] change = null;
                for (String l : Files.readAllLines(dir.resolve("pins.jsonl"), StandardCharsets.UTF_8)) {
                    Matcher m = PTY_RECORD.matcher(l);
                    if (!l.contains("\"input\": true") && m.find() && m.group(2).equals(pin)) {
                        change = new double[] {Double.parseDouble(m.group(1)), Integer.parseInt(m.group(3))};
                    }
                }
                if (change == null || change[1] != 0) {
                    throw new IllegalStateException("GP" + pin + " is not low: " + Arrays.toString(change));
                }
                last = Math.max(last, change[0]);
            }
            return new double[] {last * 1000 - nanoBefore / 1e6, Double.NaN};
        }

        @Override
        public void close() throws Exception {
            runner.destroy();
            runner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Real MicroPython v1.28.0 on the emulated RP2040; its gpio.log has emulated and wall time. */
    private static final class RigBoard implements Board {
        final Path run = Files.createTempDirectory("picoloop-signal-off-rig");

        RigBoard() throws Exception {
            BenchBoards.startRig(root, run);
        }

        @Override
        public String name() {
            return "rig";
        }

        @Override
        public String port() {
            return run.resolve("tty").toString();
        }

        /** {@code status} over the rig's control socket (no process started): its emu_us. */
        @Override
        public double emuMillis() throws IOException {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(run.resolve("ctl.sock")));
                ch.write(ByteBuffer.wrap("status\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer in = ByteBuffer.allocate(512);
                while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
                    if (ch.read(in) < 0) {
                        break;
                    }
                }
                String reply = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
                Matcher m = Pattern.compile("emu_us=([0-9.]+)").matcher(reply);
                if (!m.find()) {
                    throw new IOException("rig status: " + reply);
                }
                return Double.parseDouble(m.group(1)) / 1000;
            }
        }

        @Override
        public double[] lastOff(List<String> pins, long nanoBefore, long wallMicrosBefore, double emuBefore) throws Exception {
            double wallMs = 0;
            long emuUs = 0;
            for (String pin : pins) {
                String[] last = null;
                for (String l : Files.readAllLines(run.resolve("gpio.log"))) {
                    String[] f = l.trim().split("\\s+");
                    if (f[0].equals("GPIO") && f[1].equals(pin)) {
                        last = f;
                    }
                }
                if (last == null || !last[2].equals("0")) {
                    throw new IllegalStateException("GP" + pin + " is not low: " + Arrays.toString(last));
                }
                emuUs = Math.max(emuUs, Long.parseLong(last[3]));
                wallMs = Math.max(wallMs, Double.parseDouble(last[4]));
            }
            return new double[] {wallMs - wallMicrosBefore / 1000.0, emuUs / 1000.0 - emuBefore};
        }

        @Override
        public void close() throws Exception {
            BenchBoards.run(List.of("bash", BenchBoards.rig(root).toString(), "stop", "-r", run.toString()));
        }
    }
}
