package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.install.BridgeBundle;
import io.picoloop.install.InstallException;
import io.picoloop.install.Installer;
import io.picoloop.micropython.BoardFiles;
import io.picoloop.micropython.ByteLink;
import io.picoloop.micropython.RawRepl;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.SerialTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * picoloop's installer on real MicroPython v1.28.0 (an emulated RP2040, ../shared/rp2040), from
 * the states a classroom board is found in. Times are printed (wall clock, emulator included) for
 * docs/performance.md; what is asserted is what the board ends up with.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InstallOnEmulatedPicoTest {

    private static final BridgeBundle BUNDLE = BridgeBundle.load();

    private static Installer.Outcome install(EmulatedPico board, List<String> steps) {
        return new Installer(BUNDLE, steps::add).install(board.port(), false);
    }

    /** The rig's count of flash program operations so far. */
    private static long flashWrites(EmulatedPico board) throws IOException {
        for (String f : board.ctl("status").split("\\s+")) {
            if (f.startsWith("flash_program=")) {
                return Long.parseLong(f.substring("flash_program=".length()));
            }
        }
        throw new IOException("rig status without flash_program");
    }

    @Test
    void blankBoardGetsTheBridgeWhichBlinksAndAnUnchangedOneIsNotWritten() throws IOException {
        try (EmulatedPico board = EmulatedPico.blank()) {
            long t0 = System.nanoTime();
            Installer.Outcome first = install(board, new ArrayList<>());
            long whole = System.nanoTime() - t0;
            assertEquals(BUNDLE.names(), first.plan().write().stream().sorted(
                    java.util.Comparator.comparing((String n) -> !n.equals("main.py")).thenComparing(n -> n)).toList());
            assertEquals(BUNDLE.version(), first.bridge().firmwareVersion());
            assertEquals("1.28.0", first.micropython());

            try (Pico pico = Pico.connect(SerialTransport.open(board.port()))) {
                pico.output(16).on();       // set up by this session: a bridge that restarts forgets it
            }
            long writes = flashWrites(board);
            t0 = System.nanoTime();
            List<String> steps = new ArrayList<>();
            long start = t0;
            Installer.Outcome again = new Installer(BUNDLE, s -> steps.add((System.nanoTime() - start) / 1_000_000 + " ms " + s))
                    .install(board.port(), false);       // the bridge runs now and is asked, not stopped
            long unchanged = System.nanoTime() - t0;
            System.out.println("unchanged board, steps: " + steps);
            assertEquals(List.of(), again.plan().write());
            assertEquals(List.of(), again.plan().stale());
            assertEquals(writes, flashWrites(board), "nothing written to the flash of an unchanged board");
            assertEquals(BUNDLE.version(), again.bridge().firmwareVersion(), "the running bridge's handshake");
            assertEquals("1.28.0", again.micropython());
            assertTrue(steps.stream().noneMatch(s -> s.endsWith("stopping what runs")), "no raw REPL: " + steps);
            System.out.printf("install timing (wall, emulator included): blank board %d ms, unchanged %d ms%n",
                    whole / 1_000_000, unchanged / 1_000_000);
            List<String> drySteps = new ArrayList<>();
            Installer.Outcome dry = new Installer(BUNDLE, drySteps::add).install(board.port(), true);
            assertTrue(dry.plan().nothingToDo() && drySteps.stream().noneMatch(s -> s.equals("stopping what runs")),
                    "a dry run gets the same quick answer: " + drySteps);
            try (Pico pico = Pico.connect(SerialTransport.open(board.port()))) {
                assertTrue(pico.send("read", "16").join().ok(), "GP16 still an output: the bridge was never restarted");
            }

            try (Pico pico = Pico.connect(SerialTransport.open(board.port()))) {
                OutputPin led = pico.output(25);
                led.on();
                led.off();
            }
            assertEquals(List.of(0, 1, 0), board.outputChanges(25).stream().map(EmulatedPico.LogLine::level).toList());
        }
    }

    /**
     * bridge-firmware/ as files for a board, with FW_VERSION changed to {@code version} (an older
     * bridge); {@code everyModule}: each bridge*.py differs from the bundle's too.
     */
    private static List<Path> bridgeAtVersion(String version, boolean everyModule) throws IOException {
        Path dir = Files.createTempDirectory("picoloop-old-bridge");
        List<Path> files = new ArrayList<>();
        for (Path p : EmulatedPico.bridgeFiles()) {
            String text = Files.readString(p);
            if (p.getFileName().toString().equals("bridge_protocol.py")) {
                text = text.replaceFirst("(?m)^FW_VERSION = \"[^\"]+\"", "FW_VERSION = \"" + version + "\"");
            }
            if (everyModule && !p.getFileName().toString().equals("main.py")) {
                text += "\n# as an older bridge had it\n";
            }
            files.add(Files.writeString(dir.resolve(p.getFileName()), text));
        }
        return files;
    }

    @Test
    void aBridgeFileEditedByHandIsFoundAndRewritten() throws IOException {
        try (EmulatedPico board = EmulatedPico.withBridgeBooted()) {
            try (RawRepl repl = new RawRepl(ByteLink.serial(board.port()), 10_000)) {
                repl.enter();
                repl.run("f = open('bridge_pins.py', 'a')\nf.write('# tried something\\n')\nf.close()\n");
                repl.restart();         // the bridge again, from the edited files
            }
            try (Pico pico = Pico.connect(SerialTransport.open(board.port()),
                    io.picoloop.device.DeviceOptions.defaults().withHandshakeTimeout(java.time.Duration.ofSeconds(30)))) {
                assertEquals(BUNDLE.version(), pico.identity().firmwareVersion(), "this version runs, one file edited");
            }
            List<String> steps = new ArrayList<>();
            Installer.Outcome outcome = install(board, steps);
            assertEquals(List.of("bridge_pins.py"), outcome.plan().write(), String.valueOf(steps));
            assertTrue(steps.contains("stopping what runs"), "the raw REPL's install after asking the bridge: " + steps);
            try (RawRepl repl = new RawRepl(ByteLink.serial(board.port()), 10_000)) {
                repl.enter();
                assertArrayEquals(BUNDLE.files().stream().filter(f -> f.name().equals("bridge_pins.py")).findFirst()
                        .orElseThrow().content(), new BoardFiles(repl, "/").readBack("bridge_pins.py"));
            }
        }
    }

    @Test
    void anOlderBridgeIsUpdatedByWritingOnlyWhatChanged() throws IOException {
        try (EmulatedPico board = EmulatedPico.start(bridgeAtVersion("0.0.9", false))) {
            Installer.Outcome outcome = install(board, new ArrayList<>());
            assertEquals(List.of("bridge_protocol.py"), outcome.plan().write());
            assertEquals(BUNDLE.version(), outcome.bridge().firmwareVersion());
        }
    }

    @Test
    void aUsersLoopingMainIsKeptAsABackupAndTheBridgeInstalled() throws IOException {
        Path dir = Files.createTempDirectory("picoloop-user-main");
        String program = "import time\nn = 0\nwhile True:\n    n += 1\n    print('reading', n)\n    time.sleep_ms(5)\n";
        Path main = Files.writeString(dir.resolve("main.py"), program);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        try (EmulatedPico board = EmulatedPico.start(List.of(main, notes))) {
            Installer.Outcome outcome = install(board, new ArrayList<>());
            assertEquals("main-before-picoloop.py", outcome.plan().backup());
            assertEquals(BUNDLE.version(), outcome.bridge().firmwareVersion());
            // back into the raw REPL past the running bridge (`repl`), and read what the board holds
            try (RawRepl repl = new RawRepl(ByteLink.serial(board.port()), 10_000)) {
                repl.enter();
                BoardFiles files = new BoardFiles(repl, "/");
                assertArrayEquals(program.getBytes(StandardCharsets.UTF_8), files.readBack("main-before-picoloop.py"));
                assertArrayEquals("mine".getBytes(StandardCharsets.UTF_8), files.readBack("notes.txt"), "other files left alone");
                assertArrayEquals(BUNDLE.main().content(), files.readBack("main.py"));
            }
        }
    }

    @Test
    void aCablePulledMidCopyLeavesABoardThatBootsItsOldBridge() throws IOException {
        try (EmulatedPico board = EmulatedPico.start(bridgeAtVersion("0.0.9", true))) {
            // every module differs from the bundle's: six files to write, the cable pulled at the second
            List<String> steps = new ArrayList<>();
            Installer installer = new Installer(BUNDLE, step -> {
                steps.add(step);
                if (step.equals("writing " + BUNDLE.names().get(2))) {     // the second module (names: main.py first)
                    try {
                        board.unplug();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            InstallException e = assertThrows(InstallException.class, () -> installer.install(board.port(), false));
            assertTrue(e.getMessage().contains("still boots its old bridge or MicroPython's REPL"), e.getMessage());
            assertTrue(e.getMessage().split("\n").length == 1, e.getMessage());
            board.plug();
            try (Pico pico = Pico.connect(SerialTransport.open(board.port()),
                    io.picoloop.device.DeviceOptions.defaults().withHandshakeTimeout(java.time.Duration.ofSeconds(20)))) {
                assertEquals("0.0.9", pico.identity().firmwareVersion(), "the old bridge, whole");
            }
        }
    }

    @Test
    void anInstallStoppedBetweenStepsRestartsItsBoardIntoItsOldBridge() throws IOException {
        try (EmulatedPico board = EmulatedPico.start(bridgeAtVersion("0.0.9", true))) {
            // Ctrl-C during install --all: the listener throws at the second module's step, one temp file written
            Installer installer = new Installer(BUNDLE, step -> {
                if (step.equals("writing " + BUNDLE.names().get(2))) {
                    throw new io.picoloop.install.InstallCancelled();
                }
            });
            assertThrows(io.picoloop.install.InstallCancelled.class, () -> installer.install(board.port(), false));
            // no unplug, no reset: the installer's restart left the raw REPL and booted main.py
            try (Pico pico = Pico.connect(SerialTransport.open(board.port()),
                    io.picoloop.device.DeviceOptions.defaults().withHandshakeTimeout(java.time.Duration.ofSeconds(20)))) {
                assertEquals("0.0.9", pico.identity().firmwareVersion(), "the old bridge, running again");
            }
        }
    }

    @Test
    void aFullFilesystemIsSaidBeforeAnythingIsWritten() throws IOException {
        Path dir = Files.createTempDirectory("picoloop-full");
        Path main = Files.writeString(dir.resolve("main.py"), "print('mine')\n");
        Path big = dir.resolve("recording.bin");
        Files.write(big, new byte[1_380_000]);      // the rig's flash filesystem is 1408 KiB
        try (EmulatedPico board = EmulatedPico.start(List.of(main, big))) {
            long writes = flashWrites(board);
            InstallException e = assertThrows(InstallException.class, () -> install(board, new ArrayList<>()));
            assertTrue(e.getMessage().startsWith("the board's filesystem is full: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("then run picoloop install again"), e.getMessage());
            assertEquals(writes, flashWrites(board), "nothing written");
            // and the board runs what it ran: the user's main.py, started again by a soft reset
            try (RawRepl repl = new RawRepl(ByteLink.serial(board.port()), 10_000)) {
                repl.enter();
                assertArrayEquals("print('mine')\n".getBytes(StandardCharsets.UTF_8), new BoardFiles(repl, "/").readBack("main.py"));
            }
        }
    }
}
