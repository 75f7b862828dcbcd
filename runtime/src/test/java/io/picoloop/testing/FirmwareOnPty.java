package io.picoloop.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real bridge firmware, running under CPython behind a pseudo-terminal
 * ({@code bridge-firmware/host/run_on_pty.py}). Tests open {@link #port()} with jSerialComm
 * exactly as they would open /dev/ttyACM0, and read back every pin change the firmware made.
 */
public final class FirmwareOnPty implements AutoCloseable {

    /** One driven level change recorded by the firmware's machine.Pin stand-in. */
    public record PinChange(double seconds, String pin, int level) {
    }

    private static final Pattern RECORD = Pattern.compile(
            "\"t\"\\s*:\\s*([0-9.eE+-]+).*?\"pin\"\\s*:\\s*\"?([A-Za-z0-9]+)\"?.*?\"level\"\\s*:\\s*([01])");

    private final Process process;
    private final Path dir;
    private final Path link;
    private final Path record;
    private final Path log;
    private final Path control;
    private volatile boolean paused;

    /** The uid given to the runner ({@code --uid}), or null for the stand-in's own. */
    private String uid;
    private String board = "pico";

    private FirmwareOnPty(Process process, Path dir) {
        this(process, dir, "ttyPICO");
    }

    private FirmwareOnPty(Process process, Path dir, String linkName) {
        this.process = process;
        this.dir = dir;
        this.link = dir.resolve(linkName);
        this.record = dir.resolve("pins.jsonl");
        this.log = dir.resolve("firmware.log");
        this.control = dir.resolve("pins.ctl");
    }

    /** Starts the firmware for a board ({@code pico} or {@code picow}) and waits until it reads. */
    public static FirmwareOnPty start(String board) throws IOException {
        Path dir = Files.createTempDirectory("picoloop-pty");
        Path runner = RepoRoot.get().resolve("bridge-firmware/host/run_on_pty.py");
        Process p = new ProcessBuilder("python3", runner.toString(),
                "--link", dir.resolve("ttyPICO").toString(),
                "--record", dir.resolve("pins.jsonl").toString(),
                "--board", board,
                "--control", dir.resolve("pins.ctl").toString())
                .redirectError(dir.resolve("firmware.log").toFile())
                .start();
        FirmwareOnPty fw = new FirmwareOnPty(p, dir);
        fw.awaitReady(Duration.ofSeconds(30));
        return fw;
    }

    /**
     * A board with its own unique id ({@code machine.unique_id()}, 16 hex digits; null: the stand-in's
     * own), its link named {@code linkName} in {@code dir} (null: a new temporary directory). Its pin
     * record goes on in the same file when a board is started again in the same directory.
     */
    public static FirmwareOnPty start(String board, String uid, Path dir, String linkName) throws IOException {
        Path d = dir != null ? dir : Files.createTempDirectory("picoloop-pty");
        Path runner = RepoRoot.get().resolve("bridge-firmware/host/run_on_pty.py");
        List<String> command = new ArrayList<>(List.of("python3", runner.toString(),
                "--link", d.resolve(linkName).toString(),
                "--record", d.resolve("pins.jsonl").toString(),
                "--board", board,
                "--control", d.resolve("pins.ctl").toString()));
        if (uid != null) {
            command.addAll(List.of("--uid", uid));
        }
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(d.resolve("firmware.log").toFile()))
                .start();
        FirmwareOnPty fw = new FirmwareOnPty(p, d, linkName);
        fw.uid = uid;
        fw.board = board;
        fw.awaitReady(Duration.ofSeconds(30));
        return fw;
    }

    /**
     * Pulls the cable ({@link #kill()}) and plugs the same board in again: a fresh firmware with the
     * same uid, behind a new pty linked as {@code linkName} in the same directory (the same name as
     * before, or a new one, as a board that comes back as /dev/ttyACM1).
     */
    public FirmwareOnPty replug(String linkName) throws IOException, InterruptedException {
        kill();
        return start(board, uid, dir, linkName);
    }

    /**
     * A reset that keeps the port open (SIGUSR1 to the runner): the firmware ends (outputs low),
     * forgets its pins, and after the runner's {@code --reboot-ms} (1 s) boots again on the same pty,
     * saying {@code ! boot}; what the host sends meanwhile waits in the pty and is read after it.
     */
    public void resetKeepingPort() throws IOException, InterruptedException {
        signal("USR1");
    }

    private void awaitReady(Duration timeout) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // its own thread, not the common pool: a blocked readLine must not starve other tests' work
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("firmware-ready").start(() -> {
            try {
                String l;
                while ((l = reader.readLine()) != null) {
                    if (l.startsWith("READY ")) {
                        ready.complete(l);
                        return;
                    }
                }
                ready.complete(null);
            } catch (IOException e) {
                ready.complete(null);
            }
        });
        String line;
        try {
            line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null) {
            close();
            throw new IOException("the firmware runner did not print READY within " + timeout
                    + "; its stderr:\n" + readLog());
        }
    }

    /**
     * The outside world sets input pin {@code pin} to each level in turn, {@code spacingMicros}
     * apart, inside the firmware (its IRQ handler runs for every change, as on a board):
     * {@code drive(14, 300, 0, 1, 0, 1, 0)} is a bouncing press of a button to GND.
     */
    public void drive(int pin, int spacingMicros, int... levels) throws IOException {
        StringBuilder line = new StringBuilder().append(pin);
        for (int level : levels) {
            line.append(' ').append(level);
        }
        line.append(" @").append(spacingMicros).append('\n');
        // the runner keeps the FIFO open for reading, so this write does not block
        Files.writeString(control, line, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
    }

    /** What analog input {@code input} ("26"-"29", "temp") reads from now on, 0-65535 as read_u16 gives it. */
    public void setAnalog(String input, int value) throws IOException {
        Files.writeString(control, "adc " + input + " " + value + "\n", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** One setting of a PWM output recorded by the machine.PWM stand-in: frequency and duty, both 0 when it stopped. */
    public record PwmChange(double seconds, int pin, int frequencyHz, int duty) {
    }

    private static final Pattern PWM_RECORD = Pattern.compile(
            "\"t\"\\s*:\\s*([0-9.eE+-]+).*?\"pin\"\\s*:\\s*(\\d+).*?\"pwm_hz\"\\s*:\\s*(\\d+).*?\"duty\"\\s*:\\s*(\\d+)");

    /** Every setting of PWM output {@code pin} so far, in order. */
    public List<PwmChange> pwmChanges(int pin) throws IOException {
        List<PwmChange> out = new ArrayList<>();
        if (!Files.exists(record)) {
            return out;
        }
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            Matcher m = PWM_RECORD.matcher(line);
            if (m.find() && Integer.parseInt(m.group(2)) == pin) {
                out.add(new PwmChange(Double.parseDouble(m.group(1)), pin, Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
        }
        return out;
    }

    /** The pty path to open, as one would open /dev/ttyACM0. */
    public String port() {
        return link.toString();
    }

    /** Every pin change the firmware has made so far, in order. */
    public List<PinChange> pinChanges() throws IOException {
        return changes(false);
    }

    /**
     * Every level change that {@link #drive} put on input {@code pin} ("14"), in order, timed as
     * it reached the pin (just before the firmware's IRQ handler ran), by the clock of
     * {@link #pinChanges()} and {@link System#nanoTime()}.
     */
    public List<PinChange> inputChanges(String pin) throws IOException {
        return changes(true).stream().filter(c -> c.pin().equalsIgnoreCase(pin)).toList();
    }

    private List<PinChange> changes(boolean inputs) throws IOException {
        List<PinChange> out = new ArrayList<>();
        if (!Files.exists(record)) {
            return out;
        }
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            Matcher m = RECORD.matcher(line);
            if (m.find() && line.contains("\"input\": true") == inputs) {
                out.add(new PinChange(Double.parseDouble(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return out;
    }

    /** The pin changes of one pin ("25", "LED"). */
    public List<PinChange> pinChanges(String pin) throws IOException {
        return pinChanges().stream().filter(c -> c.pin().equalsIgnoreCase(pin)).toList();
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Freezes the firmware (SIGSTOP): the port stays open but nothing answers, as with a board
     * whose bridge hangs. {@link #resume()} (or {@link #close()}) lets it go on.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Ends the firmware as pulling the USB cable would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        // as the device node goes with the cable (a killed runner leaves its link): else the link
        // points at a pty number the system gives the next pty opened, another test's board
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (paused) {
            try {
                resume();       // a paused process ends on SIGTERM only once it runs again
            } catch (IOException e) {
                // destroyForcibly below still ends it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path directory() {
        return dir;
    }
}
