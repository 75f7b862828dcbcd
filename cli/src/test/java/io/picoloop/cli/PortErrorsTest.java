package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.SilentPort;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.SerialTransport;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every way the port can be wrong gives one line naming the fix and a non-zero exit code; real
 * ports (pseudo-terminals) throughout, no mocked transport.
 */
class PortErrorsTest {

    @Test
    void missingPort() {
        CliRun run = CliRun.of("blink", "--port", "/dev/ttyACM-not-here");
        assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
        assertOneLine(run, "no serial port /dev/ttyACM-not-here");
        assertTrue(run.err().contains("picoloop ports"), "names how to list the ports: " + run);
    }

    /** {@code --port ttyACM0}: a bare name is looked for under /dev too, and the line says neither is there. */
    @Test
    void missingPortGivenAsABareName() {
        CliRun run = CliRun.of("blink", "--port", "ttyACM-not-here");
        assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
        assertOneLine(run, "no serial port ttyACM-not-here (nor /dev/ttyACM-not-here): is the Pico plugged in");
    }

    @Test
    void noPicoPluggedInWhenNoPortIsNamed() {
        assumeTrue(PortScanner.raspberryPiPorts().isEmpty(), "a Raspberry Pi USB device is plugged in here");
        CliRun run = CliRun.of("blink");
        assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
        assertOneLine(run, "no Raspberry Pi Pico found on USB");
        assertTrue(run.err().contains("--port") && run.err().contains("--sim"), run.toString());
    }

    @Test
    void busyPortHeldByAnotherProgram() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            // another program holding the port the way serial programs do: an exclusive flock
            Process other = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import os, fcntl, sys, time",
                    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)",
                    "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                    "print('LOCKED', flush=True)",
                    "time.sleep(120)"), fw.port()).start();
            try {
                String locked = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("LOCKED", locked);
                CliRun run = CliRun.of("blink", "--port", fw.port(), "--count", "1");
                assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
                // only programs that take this lock show as busy: picocom, mpremote, not screen or minicom
                assertOneLine(run, fw.port() + " is in use by another program (another picoloop, Thonny, mpremote,"
                        + " picocom?): close it and try again");
            } finally {
                other.destroyForcibly();
            }
        }
    }

    @Test
    void boardAtTheMicroPythonReplWithoutTheBridge() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            // the repl command hands the port back to the REPL: a board without our bridge running
            assertEquals(0, CliRun.of("blink", "--port", fw.port(), "--count", "1", "--period", "20").exitCode());
            // the firmware has left the bridge once the stand-in REPL prints its banner; waiting for
            // that (not a fixed sleep) keeps "1 repl" from being cut off by the close under load
            CountDownLatch atRepl = new CountDownLatch(1);
            try (SerialTransport t = SerialTransport.open(fw.port())) {
                t.start(new io.picoloop.transport.LineListener() {
                    @Override
                    public void onLine(byte[] line) {
                        if (new String(line, StandardCharsets.US_ASCII).contains("MicroPython")) {
                            atRepl.countDown();
                        }
                    }

                    @Override
                    public void onClosed(Throwable cause) {
                    }
                });
                t.send("1 repl");
                assertTrue(atRepl.await(30, TimeUnit.SECONDS), "no REPL banner after repl: " + fw.readLog());
            }
            CliRun run = CliRun.of("blink", "--port", fw.port(), "--count", "1");
            assertEquals(ExitCode.BOARD.code(), run.exitCode(), run.toString());
            assertOneLine(run, "REPL");
            assertTrue(run.err().contains("bridge-firmware"), "names the fix: " + run);
        }
    }

    @Test
    void portWhereNothingAnswers() throws Exception {
        try (SilentPort silent = new SilentPort()) {
            String path = silent.path();
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("blink", "--port", path, "--count", "1");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(ExitCode.BOARD.code(), run.exitCode(), run.toString());
            assertOneLine(run, "no answer to hello from " + path);
            assertTrue(run.err().contains("is the picoloop bridge installed")
                    && run.err().contains("is this the right port (`picoloop ports` lists them)?"), run.toString());
            // screen and minicom take no lock, so they share the port unnoticed and may read the answer
            assertTrue(run.err().strip().endsWith("lists them)? Or is a terminal program (screen, minicom) reading the"
                    + " port too? Close it"), run.toString());
            assertTrue(seconds < 15, "gives up after the handshake timeout, took " + seconds + " s");
        }
    }

    /** Something at the other end that is not the bridge and sends bytes no bridge would: the fix, as for silence. */
    @Test
    void portThatSendsGarbageNamesTheFix() throws Exception {
        Process garbage = new ProcessBuilder("python3", "-c", String.join("\n",
                "import os, pty, tty",
                "m, s = pty.openpty()",
                "tty.setraw(s)",
                "print(os.ttyname(s), flush=True)",
                "while True:",
                "    if b'\\n' in os.read(m, 1024):",
                "        os.write(m, b'\\xff\\x00A\\n')")).start();
        try {
            String path = new BufferedReader(new InputStreamReader(garbage.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(path != null && path.startsWith("/dev/"), "python3 made no pty: " + path);
            CliRun run = CliRun.of("blink", "--port", path, "--count", "1");
            assertEquals(ExitCode.BOARD.code(), run.exitCode(), "the same class as a silent port\n" + run);
            assertOneLine(run, "bytes that are not printable ASCII: \"\\xff\\x00A\"");
            assertTrue(run.err().contains("is the picoloop bridge installed (`picoloop install` puts it on the board)")
                    && run.err().contains("is this the right port (`picoloop ports` lists them)?"), run.toString());
        } finally {
            garbage.destroyForcibly();
        }
    }

    /**
     * The board stops answering mid-blink (the firmware frozen with SIGSTOP, its port still open):
     * the line says what probably happened, what to do, and what is known of the outputs.
     */
    @Test
    void boardThatStopsAnsweringMidRunNamesTheFixAndWhatIsKnownOfTheOutputs() throws Exception {
        CliRun run = blinkUntilTheBoardFreezes();
        assertEquals(ExitCode.BOARD.code(), run.exitCode(), run.toString());
        assertOneLine(run, "the board stopped answering (unplugged, reset, or its bridge stopped?);"
                + " check the USB cable, replug the board and try again");
        assertTrue(run.err().contains("\"off\" went unanswered too, so outputs may still be on; if the bridge still"
                + " runs, its keepalive switches them off 3 s after the last line it got"), run.toString());
    }

    @Test
    void boardThatStopsAnsweringWithoutKeepaliveSaysNothingWillSwitchTheOutputsOff() throws Exception {
        CliRun run = blinkUntilTheBoardFreezes("--keepalive", "0");
        assertEquals(ExitCode.BOARD.code(), run.exitCode(), run.toString());
        assertOneLine(run, "the board stopped answering");
        assertTrue(run.err().contains("\"off\" went unanswered too, so outputs may still be on, and the board"
                + " acknowledged no keepalive that would switch them off: reset or unplug it"), run.toString());
    }

    /**
     * On a terminal the LED's status line is redrawn in place; when the board stops answering
     * mid-flash, the error must start a line of its own, not be glued to the end of that one.
     */
    @Test
    void onATerminalTheBoardFailureGetsALineOfItsOwn() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico"); PtyTerminal tty = new PtyTerminal()) {
            File terminal = new File(tty.path());
            ProcessBuilder pb = new ProcessBuilder(BlinkOverPtyTest.javaCommand("blink", "--pin", "25", "--period", "100",
                    "--port", fw.port())).redirectOutput(terminal).redirectError(terminal);
            pb.environment().put("NO_COLOR", "1");     // the frames as plain text
            Process cli = pb.start();
            try {
                cli.getOutputStream().close();
                ChildOutput.await(tty::shown, "GP25 \u25CF", cli);       // blinking, drawn in place
                fw.pause();
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(60)), tty.shown());
                String shown = tty.shown();
                int error = shown.lastIndexOf("picoloop: ", shown.indexOf("the board stopped answering"));
                assertTrue(error > 0 && shown.charAt(error - 1) == '\n', "the error starts a line: " + shown);
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    private static CliRun blinkUntilTheBoardFreezes(String... extra) throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            List<String> args = new ArrayList<>(List.of("blink", "--pin", "25", "--period", "100", "--port", fw.port()));
            args.addAll(List.of(extra));
            CompletableFuture<CliRun> cli = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("picoloop-cli").start(() -> {
                try {
                    cli.complete(CliRun.of(args.toArray(String[]::new)));
                } catch (Throwable t) {
                    cli.completeExceptionally(t);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fw.pinChanges("25").size() < 4) {        // low, then on, off, on: it blinks
                assertTrue(!cli.isDone() && System.nanoTime() < deadline,
                        () -> "no blinking: " + cli.getNow(null) + "\nfirmware:\n" + fw.readLog());
                Thread.sleep(20);           // the record is a file: nothing to wait on but its content
            }
            fw.pause();
            return cli.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void devNullIsNotASerialPort() {
        CliRun run = CliRun.of("blink", "--port", "/dev/null", "--count", "1");
        assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
        assertOneLine(run, "/dev/null is not a serial port: name the Pico's port, e.g. /dev/ttyACM0 (`picoloop ports` lists them)");
        assertTrue(!run.err().contains("jSerialComm") && !run.err().contains("error 25") && !run.err().contains("replug"),
                "no native detail, no wrong fix: " + run);
    }

    @Test
    void aDirectoryIsNotASerialPort(@org.junit.jupiter.api.io.TempDir Path dir) {
        CliRun run = CliRun.of("blink", "--port", dir.toString(), "--count", "1");
        assertEquals(ExitCode.PORT.code(), run.exitCode(), run.toString());
        assertOneLine(run, dir + " is a directory, not a serial port: name the Pico's port");
    }

    /**
     * Permission denied, for real: picoloop in a child JVM running as the user nobody opens a pty
     * owned by root with mode 620, as a user outside the dialout group opens /dev/ttyACM0.
     */
    @Test
    void permissionDeniedNamesTheDialoutGroup() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to nobody");
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv");
        Path dir = Files.createTempDirectory("picoloop-cli-perm");
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            // nobody cannot read root's Maven repository: give it copies of the classpath
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path src = Path.of(entry);
                if (Files.isRegularFile(src)) {
                    Path copy = dir.resolve((i++) + "-" + src.getFileName());
                    Files.copy(src, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    cp.add(copy.toString());
                } else {
                    cp.add(entry);
                }
            }
            String realPort = fw.port();
            Path target = Files.readSymbolicLink(Path.of(realPort));
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + dir, "-Duser.home=" + dir, "--enable-native-access=ALL-UNNAMED",
                    "-cp", String.join(File.pathSeparator, cp), Main.class.getName(),
                    "blink", "--port", target.toString(), "--count", "1"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(60)), "child JVM finished");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(!out.contains("Could not find or load main class") && !out.contains("Error: "),
                    "child JVM could not run as nobody: " + out);
            assertEquals(ExitCode.PORT.code(), p.exitValue(), out);
            assertTrue(out.contains("permission denied") && out.contains("dialout"), out);
            assertEquals(1, out.lines().filter(l -> l.startsWith("picoloop: ")).count(), out);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * jSerialComm's native library does not load: its class initialiser throws an Error, which
     * picocli does not catch. Here it is made to fail with -Dos.arch_full (jSerialComm's Linux
     * branch then looks for a build for that architecture only, finds none, and throws from its
     * initialiser, as when every directory it extracts to is noexec, issue 387), with fresh temp and
     * home directories and an empty java.library.path so that no copy from elsewhere loads.
     */
    @Test
    void aSerialLibraryThatCannotLoadIsOneLineNamingTheFix(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "jSerialComm reads os.arch_full on Linux only");
        for (List<String> args : List.of(List.of("ports"), List.of("blink", "--port", "/dev/null", "--count", "1"))) {
            Path tmp = Files.createDirectories(dir.resolve(args.size() + "-tmp"));
            Path home = Files.createDirectories(dir.resolve(args.size() + "-home"));
            Path lib = Files.createDirectories(dir.resolve(args.size() + "-lib"));
            List<String> cmd = new ArrayList<>(BlinkOverPtyTest.javaCommand(args.toArray(String[]::new)));
            cmd.addAll(1, List.of("-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-Djava.library.path=" + lib,
                    "-Dos.arch_full=no-such-arch"));
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(60)), "child JVM finished");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            CliRun run = new CliRun(p.exitValue(), out, err);
            assertEquals(ExitCode.BOARD.code(), run.exitCode(), run.toString());
            assertOneLine(run, "the serial library jSerialComm could not load its native code from "
                    + tmp.resolve("jSerialComm") + " or " + home.resolve(".jSerialComm") + " (noexec or read-only?):"
                    + " start java with -Djava.io.tmpdir=<a directory you may execute files from>");
            assertTrue(!err.contains("Exception") && !err.contains("Error"), "no stack trace: " + run);
        }
    }

    @Test
    void configTypoIsOneMessageWithTheFix(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("mine.properties");
        Files.writeString(cfg, "pin.red=16\nserail.baud=9600\n");
        CliRun run = CliRun.of("blink", "--sim", "--config", cfg.toString());
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.toString());
        assertOneLine(run, "did you mean 'serial.baud'");
    }

    private static void assertOneLine(CliRun run, String fragment) {
        // besides the line naming the board it talks to, once it has one
        List<String> lines = run.err().lines().filter(l -> !l.isBlank() && !l.startsWith("picoloop: using ")).toList();
        assertEquals(1, lines.size(), "one line on stderr, no stack trace\n" + run);
        assertTrue(lines.getFirst().startsWith("picoloop: ") && lines.getFirst().contains(fragment),
                "stderr names \"" + fragment + "\"\n" + run);
    }
}
