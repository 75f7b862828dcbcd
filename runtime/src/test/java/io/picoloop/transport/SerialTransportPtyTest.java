package io.picoloop.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fazecast.jSerialComm.SerialPort;
import io.picoloop.protocol.LineCollector;
import io.picoloop.testing.ChildProcesses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SerialTransport on a real pseudo-terminal: what jSerialComm does with a tty, not a stand-in. */
class SerialTransportPtyTest {

    @Test
    void linesRoundTripAndDeviceLinesArrive() throws Exception {
        try (PtyPeer peer = new PtyPeer(false);
             SerialTransport t = SerialTransport.open(peer.path)) {
            LineCollector in = new LineCollector();
            t.start(in);
            t.send("1 ping");
            assertEquals("echo 1 ping", in.next());
            peer.say("! boot picoloop proto=1 fw=x");
            assertEquals("! boot picoloop proto=1 fw=x", in.next());
            for (int i = 0; i < 200; i++) {
                t.send(i + " toggle 25");
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("echo " + i + " toggle 25", in.next());
            }
            assertEquals(peer.path, t.description());
        }
    }

    @Test
    void opensThroughASymlinkAsByIdPathsAre() throws Exception {
        Path dir = Files.createTempDirectory("picoloop-link");
        try (PtyPeer peer = new PtyPeer(false)) {
            Path link = Files.createSymbolicLink(dir.resolve("ttyPICO"), Path.of(peer.path));
            try (SerialTransport t = SerialTransport.open(link.toString())) {
                LineCollector in = new LineCollector();
                t.start(in);
                t.send("hello");
                assertEquals("echo hello", in.next());
            }
        } finally {
            Files.deleteIfExists(dir.resolve("ttyPICO"));
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void peerHangingUpClosesTheLinkWithACause() throws Exception {
        try (PtyPeer peer = new PtyPeer(false);
             SerialTransport t = SerialTransport.open(peer.path)) {
            LineCollector in = new LineCollector();
            t.start(in);
            t.send("x");
            assertEquals("echo x", in.next());
            peer.hangUp();
            Throwable cause = in.closed.get(10, TimeUnit.SECONDS);
            assertNotNull(cause, "a vanished port is not a polite close");
            assertTrue(cause.getMessage().contains(peer.path), cause.getMessage());
            assertThrows(TransportException.class, () -> t.send("y"));
        }
    }

    @Test
    void closeIsPoliteAndPrompt() throws Exception {
        try (PtyPeer peer = new PtyPeer(false)) {
            SerialTransport t = SerialTransport.open(peer.path);
            LineCollector in = new LineCollector();
            t.start(in);
            long t0 = System.nanoTime();
            t.close();
            assertNull(in.closed.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
            // and the port can be opened again
            SerialTransport.open(peer.path).close();
        }
    }

    @Test
    void missingPort() {
        PortException e = assertThrows(PortException.class, () -> SerialTransport.open("/dev/ttyACM97"));
        assertEquals(PortException.Kind.MISSING, e.kind());
        assertTrue(e.getMessage().startsWith("no serial port /dev/ttyACM97: is the Pico plugged in"), e.getMessage());
        PortException bare = assertThrows(PortException.class, () -> SerialTransport.open("ttyNOPE42"));
        assertEquals(PortException.Kind.MISSING, bare.kind());
        assertTrue(bare.getMessage().startsWith("no serial port ttyNOPE42 (nor /dev/ttyNOPE42): is the Pico plugged in"),
                "says that /dev was looked in too: " + bare.getMessage());
    }

    /** A bare name that is under /dev opens as /dev/NAME (here a device that is no serial port). */
    @Test
    void aBareNameIsLookedForUnderDev() {
        PortException e = assertThrows(PortException.class, () -> SerialTransport.open("null"));
        assertEquals(PortException.Kind.NOT_A_PORT, e.kind(), e.getMessage());
    }

    /** On Windows a bare name (COM3) is the port's own name: no /dev in the message. */
    @Test
    void onWindowsAMissingBareNameIsNotLookedForUnderDev() {
        assertEquals("no serial port COM3: is the Pico plugged in with a data USB cable? `picoloop ports` lists"
                + " the ports found", SerialTransport.missingMessage("COM3", true));
        assertTrue(SerialTransport.missingMessage("COM3", false).startsWith("no serial port COM3 (nor /dev/COM3):"));
    }

    @Test
    void portOpenTwiceInThisProgramIsBusy() throws Exception {
        try (PtyPeer peer = new PtyPeer(false);
             SerialTransport first = SerialTransport.open(peer.path)) {
            PortException e = assertThrows(PortException.class, () -> SerialTransport.open(peer.path));
            assertEquals(PortException.Kind.BUSY, e.kind());
            assertTrue(e.getMessage().contains("already open in this program"), e.getMessage());
        }
    }

    @Test
    void portLockedByAnotherProcessIsBusy() throws Exception {
        try (PtyPeer peer = new PtyPeer(true)) {
            PortException e = assertThrows(PortException.class, () -> SerialTransport.open(peer.path));
            assertEquals(PortException.Kind.BUSY, e.kind());
            // screen, minicom and cat take no flock: they never make a port busy, so they are not named
            assertEquals(peer.path + " is in use by another program (another picoloop, Thonny, mpremote, picocom?):"
                    + " close it and try again", e.getMessage());
        }
    }

    /**
     * The real path: a child JVM running as nobody (setpriv) opens a pty owned by root, mode 620,
     * and gets EACCES from open(2).
     */
    @Test
    void permissionDeniedAsAnotherUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to nobody");
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv");
        Path dir = Files.createTempDirectory("picoloop-perm");
        try (PtyPeer peer = new PtyPeer(false)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path jar = Path.of(SerialPort.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jarCopy = Files.copy(jar, dir.resolve("jSerialComm.jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(jarCopy, PosixFilePermissions.fromString("rw-r--r--"));
            String classes = Path.of(SerialTransport.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String testClasses = Path.of(PortOpenProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java, "-Djava.io.tmpdir=" + dir, "-Duser.home=" + dir, "--enable-native-access=ALL-UNNAMED",
                    "-cp", String.join(File.pathSeparator, jarCopy.toString(), classes, testClasses),
                    PortOpenProbe.class.getName(), peer.path));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(ChildProcesses.endsWithin(p, Duration.ofSeconds(30)), "child JVM finished");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(out.contains("KIND ") || out.contains("OPENED"), "child JVM could not run as nobody: " + out);
            assertTrue(out.contains("KIND PERMISSION permission denied opening " + peer.path
                    + ": add yourself to the dialout group (sudo usermod -aG dialout $USER), then log out and in"), out);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void classifierOnErrnoValues() throws Exception {
        Path f = Files.createTempFile("picoloop-port", "");
        try {
            SerialTransport.PortFacts file = SerialTransport.PortFacts.of(f.toString(), HostOs.LINUX);
            assertEquals(PortException.Kind.PERMISSION, SerialTransport.classify("p", HostOs.LINUX, file, 13, 0).kind());
            assertEquals(PortException.Kind.BUSY, SerialTransport.classify("p", HostOs.LINUX, file, 11, 0).kind());
            assertEquals(PortException.Kind.BUSY, SerialTransport.classify("p", HostOs.LINUX, file, 16, 0).kind());
            assertEquals(PortException.Kind.MISSING, SerialTransport.classify("p", HostOs.LINUX, file, 19, 0).kind());
            PortException other = SerialTransport.classify("p", HostOs.LINUX, file, 5, 1234);
            assertEquals(PortException.Kind.OTHER, other.kind());
            assertEquals("cannot open p (system error 5): unplug and replug the board, then try again", other.getMessage());
            assertTrue(other.getCause().getMessage().contains("errno 5 at line 1234"),
                    "the native detail is kept for PICOLOOP_DEBUG=1's stack trace: " + other.getCause());
            PortException notATty = SerialTransport.classify("/dev/null", HostOs.LINUX, file, 25, 777);
            assertEquals(PortException.Kind.NOT_A_PORT, notATty.kind());
            assertEquals("/dev/null is not a serial port: name the Pico's port, e.g. /dev/ttyACM0"
                    + " (`picoloop ports` lists them)", notATty.getMessage());
            SerialTransport.PortFacts directory = SerialTransport.PortFacts.of(f.getParent().toString(), HostOs.LINUX);
            PortException dir = SerialTransport.classify("d", HostOs.LINUX, directory, 21, 524);
            assertEquals(PortException.Kind.NOT_A_PORT, dir.kind());
            assertTrue(dir.getMessage().startsWith("d is a directory, not a serial port: name the Pico's port"), dir.getMessage());
            assertTrue(SerialTransport.classify("p", HostOs.LINUX, file, 13, 0).getMessage().contains("dialout"));
            assertTrue(SerialTransport.classify("p", HostOs.LINUX, file, 16, 0).getMessage().contains("close it and try again"));
            SerialTransport.PortFacts gone = SerialTransport.PortFacts.of(f.resolveSibling("gone-xyz").toString(), HostOs.LINUX);
            assertEquals(PortException.Kind.MISSING, SerialTransport.classify("p", HostOs.LINUX, gone, 2, 0).kind());
            assertEquals(PortException.Kind.BUSY, SerialTransport.classify("p", HostOs.LINUX, file, 2, 0).kind(),
                    "2 for a port that exists is jSerialComm's own: open in this program");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void scannerListsPortsWithoutFailing() {
        List<PortScanner.PortInfo> all = PortScanner.allPorts();
        assertNotNull(all);
        assertTrue(PortScanner.raspberryPiPorts().stream().allMatch(p -> p.vendorId() == 0x2E8A));
    }
}
