package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.SilentPort;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
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
            assertEquals(FailureReporter.EXIT_USAGE, e.exitCode());
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
            assertEquals(FailureReporter.EXIT_DEVICE, e.exitCode());
            assertTrue(e.getMessage().startsWith("found 2 Raspberry Pi USB ports but no picoloop bridge answered"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(a.path() + ": no answer to hello")
                    && e.getMessage().contains(b.path() + ": no answer to hello"), e.getMessage());
            assertTrue(e.getMessage().contains("Put the bridge on the board"), e.getMessage());
        }
    }

    private static PortInfo pico(String path) {
        return new PortInfo(path, "Board CDC", 0x2E8A, 0x0005, "E6614103E7452D2F");
    }
}
