package io.picoloop.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.DeviceKind;
import io.picoloop.transport.PortScanner.PortInfo;
import io.picoloop.transport.SerialTransport.PortFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decisions about ports that differ by operating system, or that only macOS and Windows
 * hardware would show, made with those systems' inputs: what jSerialComm is handed, what its error
 * number means, which listed ports are one device, which Raspberry Pi ports are tried.
 */
class PortsOnEverySystemTest {

    private static final PortFacts COM5_LISTED = new PortFacts("COM5", true, false, true);
    private static final PortFacts COM5_NOT_LISTED = new PortFacts("COM5", false, false, true);

    @Test
    void osNamesAsJavaReportsThem() {
        assertEquals(HostOs.WINDOWS, HostOs.of("Windows 11"));
        assertEquals(HostOs.WINDOWS, HostOs.of("Windows Server 2022"));
        assertEquals(HostOs.MACOS, HostOs.of("Mac OS X"));
        assertEquals(HostOs.LINUX, HostOs.of("Linux"));
        assertEquals(HostOs.OTHER_POSIX, HostOs.of("FreeBSD"));
    }

    /** No file named COM5 exists on Windows: the name goes to jSerialComm, which adds \\.\ and opens it. */
    @Test
    void onWindowsThePortNameIsHandedToJSerialCommWithoutLookingForAFile() {
        assertEquals("COM5", SerialTransport.deviceName("COM5", HostOs.WINDOWS, p -> false));
        assertEquals("\\\\.\\COM12", SerialTransport.deviceName("\\\\.\\COM12", HostOs.WINDOWS, p -> false));
    }

    @Test
    void onPosixADevicePathMustExistAndABareNameIsLookedForUnderDev() {
        Set<Path> files = Set.of(Path.of("/dev/ttyACM0"), Path.of("/dev/cu.usbmodem1101"));
        assertEquals("/dev/ttyACM0", SerialTransport.deviceName("ttyACM0", HostOs.LINUX, files::contains));
        assertEquals("/dev/cu.usbmodem1101", SerialTransport.deviceName("/dev/cu.usbmodem1101", HostOs.MACOS, files::contains));
        PortException e = assertThrows(PortException.class,
                () -> SerialTransport.deviceName("/dev/ttyACM1", HostOs.LINUX, files::contains));
        assertEquals(PortException.Kind.MISSING, e.kind());
        assertThrows(PortException.class, () -> SerialTransport.deviceName("COM5", HostOs.MACOS, files::contains));
    }

    /** On Windows 5 is ERROR_ACCESS_DENIED: another program has the port (Windows opens it exclusively); no dialout group there. */
    @Test
    void windowsAccessDeniedIsAPortInUse() {
        PortException e = SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_LISTED, 5, 913);
        assertEquals(PortException.Kind.BUSY, e.kind());
        assertEquals("COM5 is in use by another program (another picoloop, Thonny, mpremote, PuTTY, a serial monitor?):"
                + " close it and try again", e.getMessage());
        assertTrue(e.getCause().getMessage().contains("Windows error 5 at line 913"), e.getCause().getMessage());
        assertEquals(PortException.Kind.BUSY, SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_LISTED, 32, 0).kind(),
                "ERROR_SHARING_VIOLATION");
    }

    /** 2 is ERROR_FILE_NOT_FOUND, and also jSerialComm's own code for a port open in this program: the listing tells. */
    @Test
    void windowsNotFoundIsMissingUnlessThePortIsListed() {
        PortException missing = SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_NOT_LISTED, 2, 0);
        assertEquals(PortException.Kind.MISSING, missing.kind());
        assertEquals("no serial port COM5: is the Pico plugged in with a data USB cable? `picoloop ports` lists the"
                + " ports found", missing.getMessage());
        PortException openHere = SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_LISTED, 2, 0);
        assertEquals(PortException.Kind.BUSY, openHere.kind());
        assertTrue(openHere.getMessage().contains("already open in this program"), openHere.getMessage());
        for (int notThere : new int[] {3, 55, 123, 433, 1167}) {
            assertEquals(PortException.Kind.MISSING,
                    SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_NOT_LISTED, notThere, 0).kind(), "error " + notThere);
        }
    }

    /** Windows codes that are Linux errnos for something else are not read as those (21 EISDIR, 13 EACCES, 11 EAGAIN). */
    @Test
    void windowsCodesAreNotReadAsErrno() {
        for (int code : new int[] {21, 13, 11, 31}) {
            PortException e = SerialTransport.classify("COM5", HostOs.WINDOWS, COM5_LISTED, code, 0);
            assertEquals(PortException.Kind.OTHER, e.kind(), "Windows error " + code + ": " + e.getMessage());
            assertEquals("cannot open COM5 (Windows error " + code + "): unplug and replug the board, then try again",
                    e.getMessage());
        }
    }

    /** flock's EWOULDBLOCK is 35 on macOS (11 there is EDEADLK); no dialout group either. */
    @Test
    void macOsErrnoAndAdvice() {
        PortFacts cu = new PortFacts("/dev/cu.usbmodem1101", true, false, true);
        PortException busy = SerialTransport.classify("/dev/cu.usbmodem1101", HostOs.MACOS, cu, 35, 0);
        assertEquals(PortException.Kind.BUSY, busy.kind());
        assertFalse(busy.getMessage().contains("screen"), busy.getMessage());
        assertEquals(PortException.Kind.OTHER, SerialTransport.classify("/dev/cu.usbmodem1101", HostOs.MACOS, cu, 11, 0).kind());
        assertEquals(PortException.Kind.OTHER, SerialTransport.classify("/dev/ttyACM0", HostOs.LINUX,
                new PortFacts("/dev/ttyACM0", true, false, true), 35, 0).kind(), "35 is EDEADLK on Linux");
        PortException denied = SerialTransport.classify("/dev/cu.usbmodem1101", HostOs.MACOS, cu, 13, 0);
        assertEquals(PortException.Kind.PERMISSION, denied.kind());
        assertEquals("permission denied opening /dev/cu.usbmodem1101: `ls -l /dev/cu.usbmodem1101` shows who may open it",
                denied.getMessage());
    }

    @Test
    void onWindowsAPortIsListedByItsNameNotJSerialCommsPath() {
        assertEquals("COM3", PortScanner.listedName("\\\\.\\COM3", HostOs.WINDOWS));
        assertEquals("/dev/ttyACM0", PortScanner.listedName("/dev/ttyACM0", HostOs.LINUX));
    }

    /** jSerialComm lists each macOS serial device twice, cu. and tty. (the latter "(Dial-In)"): one stays, the cu. */
    @Test
    void macOsDialInTwinsAreDropped() {
        PortInfo cu = new PortInfo("/dev/cu.usbmodem1101", "Board CDC", 0x2E8A, 0x0005, "E661");
        PortInfo tty = new PortInfo("/dev/tty.usbmodem1101", "Board CDC (Dial-In)", 0x2E8A, 0x0005, "E661");
        PortInfo bluetooth = new PortInfo("/dev/cu.Bluetooth-Incoming-Port", "Bluetooth", -1, -1, "Unknown");
        PortInfo loneTty = new PortInfo("/dev/tty.only", "Only", -1, -1, "Unknown");
        assertEquals(List.of(bluetooth, cu, loneTty),
                PortScanner.withoutDialInTwins(List.of(bluetooth, cu, loneTty, tty)));
        PortInfo linux = new PortInfo("/dev/ttyACM0", "Board CDC", 0x2E8A, 0x0005, "E661");
        assertEquals(List.of(linux), PortScanner.withoutDialInTwins(List.of(linux)));
    }

    @Test
    void raspberryPiProductIds() {
        assertEquals(DeviceKind.MICROPYTHON, port(0x0005).kind());
        assertEquals(DeviceKind.DEBUG_PROBE, port(0x000C).kind());
        assertEquals(DeviceKind.DEBUG_PROBE, port(0x0004).kind());
        assertEquals(DeviceKind.SDK_PROGRAM, port(0x000A).kind());
        assertEquals(DeviceKind.SDK_PROGRAM, port(0x0009).kind());
        assertEquals(DeviceKind.OTHER_RASPBERRY_PI, port(0x1003).kind());
        assertEquals(DeviceKind.NOT_RASPBERRY_PI, new PortInfo("/dev/ttyUSB0", "FTDI", 0x0403, 0x0005, "X").kind());
        assertEquals("a Debug Probe, not a Pico running MicroPython", port(0x000C).kind().whatItIs());
        assertEquals("2E8A:000C", port(0x000C).usbIds());
    }

    @Test
    void micropythonPortsFirstOtherRaspberryPiPortsThenProbesNever() {
        PortInfo probe = port(0x000C);
        PortInfo sdk = port(0x000A);
        PortInfo other = port(0x1003);
        PortInfo mpy = port(0x0005);
        PortInfo ftdi = new PortInfo("/dev/ttyUSB0", "FTDI", 0x0403, 0x6001, "X");
        Candidates c = PortScanner.candidates(List.of(probe, sdk, other, ftdi, mpy), PortScanner.RASPBERRY_PI_VID);
        assertEquals(List.of(mpy), c.first());
        assertEquals(List.of(other), c.then());
        assertEquals(List.of(probe, sdk), c.notTried());
        assertEquals(2, c.tried());
        Candidates custom = PortScanner.candidates(List.of(probe, ftdi), 0x0403);
        assertEquals(List.of(ftdi), custom.first(), "a profile's own vendor id: its product ids mean nothing here");
        assertEquals(List.of(), custom.notTried());
    }

    @Test
    void aSerialLibraryThatCannotLoadIsOneLineWithTheFix() {
        String m = SerialLibraryException.message("/tmp", "/home/pi");
        assertEquals("the serial library jSerialComm could not load its native code from /tmp/jSerialComm or"
                + " /home/pi/.jSerialComm (noexec or read-only?): start java with -Djava.io.tmpdir=<a directory you"
                + " may execute files from> (./picoloop: set PICOLOOP_TMPDIR); see jSerialComm issue 387", m);
        SerialLibraryException e = assertThrows(SerialLibraryException.class, () -> SerialLibraryException.guard(() -> {
            throw new UnsatisfiedLinkError("Cannot load native library. Errors as follows:\n[1]: ...");
        }));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getCause() instanceof UnsatisfiedLinkError);
    }

    private static PortInfo port(int pid) {
        return new PortInfo(String.format("/dev/ttyACM%X", pid), "Board", PortScanner.RASPBERRY_PI_VID, pid, "E661");
    }
}
