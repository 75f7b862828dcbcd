package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.device.Reconnect;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.SilentPort;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Choosing the board without --port, over real pseudo-terminals listed as Raspberry Pi USB ports:
 * only the handshake proves the bridge, MicroPython's own USB id (2E8A:0005) does not.
 */
class PortChooserTest {

    private static final DeviceOptions OPTIONS = DeviceOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(2));

    @Test
    void theOnePortWhereTheBridgeAnswersIsUsedAndAnOtherUsbSerialDeviceIsIgnored() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            StringWriter err = new StringWriter();
            List<PortInfo> ports = List.of(
                    new PortInfo("/dev/ttyUSB-other", "FTDI cable", 0x0403, 0x6001, "X"),
                    pico(fw.port()));
            try (Pico pico = PortChooser.connectAuto(ports, OPTIONS, new PrintWriter(err, true))) {
                assertEquals(fw.port(), pico.description());
                assertTrue(err.toString().contains("using ") && err.toString().contains(fw.port()), err.toString());
            }
        }
    }

    @Test
    void severalBridgesAreListedAndTheUserAskedForPort() throws Exception {
        try (FirmwareOnPty a = FirmwareOnPty.start("pico"); FirmwareOnPty b = FirmwareOnPty.start("picow")) {
            CliFailure e = assertThrows(CliFailure.class, () -> PortChooser.connectAuto(
                    List.of(pico(a.port()), pico(b.port())), OPTIONS, new PrintWriter(new StringWriter())));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("choose one with --port"), e.getMessage());
            assertTrue(e.getMessage().contains(a.port()) && e.getMessage().contains(b.port()), e.getMessage());
            assertTrue(e.getMessage().contains("Raspberry Pi Pico W"), "names each board: " + e.getMessage());
        }
    }

    @Test
    void theOnePicoWithoutTheBridgeIsOneLineNamingThePortAndTheFix() throws Exception {
        try (SilentPort silent = new SilentPort()) {
            String path = silent.path();
            RuntimeException e = assertThrows(RuntimeException.class, () -> PortChooser.connectAuto(
                    List.of(pico(path)), OPTIONS, new PrintWriter(new StringWriter())));
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(e.getMessage().contains(path), e.getMessage());
            assertTrue(e.getMessage().contains("is the picoloop bridge installed"), e.getMessage());
        }
    }

    @Test
    void severalPicosWithoutTheBridgeAreListedEachWithItsReason() throws Exception {
        try (SilentPort a = new SilentPort(); SilentPort b = new SilentPort()) {
            CliFailure e = assertThrows(CliFailure.class, () -> PortChooser.connectAuto(
                    List.of(pico(a.path()), pico(b.path())), OPTIONS, new PrintWriter(new StringWriter())));
            assertEquals(ExitCode.BOARD, e.exitCode());
            assertTrue(e.getMessage().startsWith("found 2 Raspberry Pi USB ports but no picoloop bridge answered"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(a.path() + " (2E8A:0005): no answer to hello")
                    && e.getMessage().contains(b.path() + " (2E8A:0005): no answer to hello"), e.getMessage());
            assertTrue(e.getMessage().contains("Put the bridge on the board"), e.getMessage());
        }
    }

    /**
     * A port with MicroPython's id is tried before another Raspberry Pi port: when it has the
     * bridge, the other is never opened (no hello down whatever it is, no 2 s timeout).
     */
    @Test
    void micropythonsIdIsTriedFirstAndAnotherRaspberryPiPortOnlyIfNeeded() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico"); RecordingPort other = new RecordingPort()) {
            List<PortInfo> ports = List.of(new PortInfo(other.path(), "Pico", 0x2E8A, 0x1003, "X"), pico(fw.port()));
            try (Pico pico = PortChooser.connectAuto(ports, OPTIONS, new PrintWriter(new StringWriter()))) {
                assertEquals(fw.port(), pico.description());
            }
            assertEquals("", other.received(), "the other Raspberry Pi port was sent nothing");
        }
    }

    /** Nothing with MicroPython's id answers: the other Raspberry Pi ports are tried then. */
    @Test
    void anotherRaspberryPiPortIsTriedWhenNoMicroPythonPortAnswers() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico"); SilentPort silent = new SilentPort()) {
            List<PortInfo> ports = List.of(pico(silent.path()), new PortInfo(fw.port(), "Board", 0x2E8A, 0x1003, "X"));
            try (Pico pico = PortChooser.connectAuto(ports, OPTIONS, new PrintWriter(new StringWriter()))) {
                assertEquals(fw.port(), pico.description());
            }
        }
    }

    /**
     * A Debug Probe (2E8A:000C) bridges the UART of the board it is wired to: it is never sent
     * hello, and when it is the only Raspberry Pi port the failure says what it is, at once.
     */
    @Test
    void aDebugProbeAloneIsNamedAndNeverSentHello() throws Exception {
        try (RecordingPort probe = new RecordingPort()) {
            long t0 = System.nanoTime();
            CliFailure e = assertThrows(CliFailure.class, () -> PortChooser.connectAuto(
                    List.of(new PortInfo(probe.path(), "Debugprobe on Pico (CMSIS-DAP)", 0x2E8A, 0x000C, "E6")),
                    OPTIONS, new PrintWriter(new StringWriter())));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(1).toNanos(), "no handshake timeout waited for");
            assertEquals(ExitCode.PORT, e.exitCode());
            assertEquals("no Pico running MicroPython found on USB: " + probe.path() + " (2E8A:000C) is a Debug Probe,"
                    + " not a Pico running MicroPython: plug the Pico in, name its port with --port, or try the simulated"
                    + " board with --sim", e.getMessage());
            assertEquals("", probe.received(), "the probe was sent nothing");
        }
    }

    @Test
    void theFailureListsEachPortWithItsUsbIdsAndTheProbeNotTried() throws Exception {
        try (SilentPort a = new SilentPort(); SilentPort b = new SilentPort(); RecordingPort probe = new RecordingPort()) {
            CliFailure e = assertThrows(CliFailure.class, () -> PortChooser.connectAuto(List.of(pico(a.path()),
                    new PortInfo(b.path(), "Board", 0x2E8A, 0x1003, "X"),
                    new PortInfo(probe.path(), "Debug Probe", 0x2E8A, 0x000C, "E6")), OPTIONS, new PrintWriter(new StringWriter())));
            assertEquals(ExitCode.BOARD, e.exitCode());
            List<String> lines = e.getMessage().lines().toList();
            assertEquals("found 3 Raspberry Pi USB ports but no picoloop bridge answered:", lines.get(0));
            assertTrue(lines.get(1).startsWith("  " + a.path() + " (2E8A:0005): no answer to hello"), e.getMessage());
            assertTrue(lines.get(2).startsWith("  " + b.path() + " (2E8A:1003): no answer to hello"), e.getMessage());
            assertEquals("  " + probe.path() + " (2E8A:000C): not tried, a Debug Probe, not a Pico running MicroPython",
                    lines.get(3));
            assertEquals("", probe.received(), "the probe was sent nothing");
        }
    }

    /** A pty that never answers and records what it is sent, to show a port was left alone. */
    private static final class RecordingPort implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final String path;

        RecordingPort() throws Exception {
            log = Files.createTempFile("picoloop-recording-port", ".bin");
            process = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import os, pty, sys, tty",
                    "m, s = pty.openpty()",
                    "tty.setraw(s)",
                    "print(os.ttyname(s), flush=True)",
                    "with open(sys.argv[1], 'ab', buffering=0) as log:",
                    "    while True:",
                    "        log.write(os.read(m, 1024))"), log.toString()).start();
            path = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(path != null && path.startsWith("/dev/"), "python3 made no pty: " + path);
        }

        String path() {
            return path;
        }

        String received() throws Exception {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly();
            process.waitFor();
            Files.deleteIfExists(log);
        }
    }

    @Test
    void uidPicksItsBoardAmongSeveralAndAnAbsentUidListsTheBoardsFound() throws Exception {
        try (FirmwareOnPty a = FirmwareOnPty.start("pico", "E661410300000001", null, "ttyPICO");
             FirmwareOnPty b = FirmwareOnPty.start("pico", "E661410300000002", null, "ttyPICO")) {
            List<PortInfo> ports = List.of(pico(a.port()), pico(b.port()));
            try (Pico pico = PortChooser.connectByUid(ports, "e661410300000002", OPTIONS, Reconnect.off(),
                    new PrintWriter(new StringWriter()))) {
                assertEquals(b.port(), pico.description());
            }
            CliFailure e = assertThrows(CliFailure.class, () -> PortChooser.connectByUid(ports, "0BADC0DE", OPTIONS,
                    Reconnect.off(), new PrintWriter(new StringWriter())));
            assertEquals(ExitCode.BOARD, e.exitCode());
            assertTrue(e.getMessage().startsWith("no board with uid 0BADC0DE answered; found:")
                    && e.getMessage().contains(a.port() + " uid E661410300000001")
                    && e.getMessage().contains(b.port() + " uid E661410300000002"), e.getMessage());
            CliFailure wrong = assertThrows(CliFailure.class, () -> PortChooser.connect(a.port(), OPTIONS, "E661410300000002",
                    Reconnect.off()));
            assertTrue(wrong.getMessage().contains("has uid E661410300000001, not E661410300000002"), wrong.getMessage());
        }
    }

    private static PortInfo pico(String path) {
        return new PortInfo(path, "Board CDC", 0x2E8A, 0x0005, "E6614103E7452D2F");
    }
}
