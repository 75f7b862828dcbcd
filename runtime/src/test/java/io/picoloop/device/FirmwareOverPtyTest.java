package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picoloop.protocol.LineCollector;
import io.picoloop.protocol.ProtocolVectors;
import io.picoloop.protocol.VectorSessionRunner;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.RepoRoot;
import io.picoloop.transport.SerialTransport;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestFactory;

/**
 * The real bridge firmware (under CPython, bridge-firmware/host/run_on_pty.py) behind a real
 * pseudo-terminal, opened with SerialTransport exactly as /dev/ttyACM0 would be.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FirmwareOverPtyTest {

    private static void assumeRunner() {
        assumeTrue(Files.exists(RepoRoot.get().resolve("bridge-firmware/host/run_on_pty.py")),
                "bridge-firmware/host/run_on_pty.py does not exist yet: firmware-over-pty tests skipped");
    }

    @TestFactory
    Stream<DynamicTest> everyVectorSessionOverSerialTransport() {
        assumeRunner();
        return ProtocolVectors.load().sessions.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            try (FirmwareOnPty fw = FirmwareOnPty.start(s.board());
                 SerialTransport t = SerialTransport.open(fw.port());
                 // >> sessions (bytes without a newline, e.g. a lone CR) go to the same pty through a
                 // second descriptor: the runner then sends all of that session's lines through it
                 java.io.OutputStream rawOut = s.sendsRaw() ? Files.newOutputStream(java.nio.file.Path.of(fw.port()))
                         : java.io.OutputStream.nullOutputStream()) {
                LineCollector in = new LineCollector();
                t.start(in);
                // READY comes after the firmware sent ! boot; it waits in the pty for us
                String first = in.next();
                assertTrue(first.startsWith("! boot picoloop proto=1"), first);
                java.util.function.Consumer<byte[]> raw = bytes -> {
                    try {
                        rawOut.write(bytes);
                        rawOut.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                VectorSessionRunner.run(s, t, raw, in, (pin, level) -> {
                    try {
                        List<FirmwareOnPty.PinChange> changes = fw.pinChanges(pin);
                        assertFalse(changes.isEmpty(), s + ": no recorded change of " + pin);
                        assertEquals(level, changes.getLast().level(), s + ": level of " + pin);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }, (pin, level) -> {
                    // ~ steps: the outside world sets the input, through the runner's control FIFO
                    try {
                        fw.drive(Integer.parseInt(pin), 0, level);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(s + ": cannot drive GP" + pin + ": " + e + "\n" + fw.readLog(), e);
                    }
                });
            }
        }));
    }

    @Test
    void clientDrivesTheFirmwaresLed() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            assertEquals("25", pico.identity().ledToken());
            assertTrue(pico.identity().freePins().contains(28));
            OutputPin led = pico.output("LED");
            assertTrue(led.toggle());
            assertFalse(led.toggle());
            // pipelined
            List<CompletableFuture<Boolean>> levels = Stream.generate(led::toggleAsync).limit(40).toList();
            for (int i = 0; i < levels.size(); i++) {
                assertEquals(i % 2 == 0, levels.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, pico.allOff());
            DeviceErrorException e = assertThrows(DeviceErrorException.class, () -> pico.await(pico.send("read", "20")));
            assertEquals("mode", e.code());
            assertTrue(pico.ping().deviceMicros() >= 0);
            List<FirmwareOnPty.PinChange> changes = fw.pinChanges("25");
            assertEquals(0, changes.getLast().level());
        }
    }

    @Test
    void firmwareDyingFailsPendingRequests() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("picow");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
            assertTrue(pico.identity().ledIsSeparate());
            OutputPin led = pico.output("LED");
            fw.kill();
            DeviceException e = assertThrows(DeviceException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    led.toggle();
                }
            });
            assertTrue(e instanceof DeviceDisconnectedException || e instanceof DeviceTimeoutException, e.toString());
        }
    }

    /** whenLost: for a program that sends nothing and would not notice; its message is the warning's. */
    @Test
    void whenLostSaysWhyTheLinkWentAndAPoliteCloseIsNoLoss() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            try (Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
                CompletableFuture<String> warned = new CompletableFuture<>();
                pico.onWarning(w -> {
                    if (w.startsWith("lost the connection")) {
                        warned.complete(w);
                    }
                });
                CompletableFuture<DeviceDisconnectedException> lost = pico.whenLost().toCompletableFuture();
                fw.kill();
                DeviceDisconnectedException why = lost.get(15, TimeUnit.SECONDS);
                assertTrue(why.getMessage().startsWith("lost the connection to " + fw.port()), why.getMessage());
                assertEquals(why.getMessage(), warned.get(15, TimeUnit.SECONDS));
            }
        }
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            Pico pico = Pico.connect(SerialTransport.open(fw.port()));
            CompletableFuture<DeviceDisconnectedException> lost = pico.whenLost().toCompletableFuture();
            pico.close();
            Thread.sleep(300);
            assertFalse(lost.isDone(), "closed by the program: not lost");
        }
    }

    @Test
    void replAfterTheReplCommandIsRecognised() throws Exception {
        assumeRunner();
        // latency is not the point here: a generous request timeout, so a loaded machine is no failure
        DeviceOptions patient = DeviceOptions.defaults().withRequestTimeout(java.time.Duration.ofSeconds(10));
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()), patient)) {
            var banner = new CompletableFuture<String>();
            pico.onWarning(w -> {
                if (w.contains("this looks like the MicroPython REPL")) {
                    banner.complete(w);
                }
            });
            pico.send("repl").get(10, TimeUnit.SECONDS);
            // the firmware has left its loop; the REPL banner comes while nothing is pending
            banner.get(10, TimeUnit.SECONDS);
            // a request now reaches the REPL, which echoes it and answers with a Python error
            Exception e = assertThrows(io.picoloop.protocol.ProtocolException.class, pico::ping);
            assertTrue(e.getMessage().contains("this looks like the MicroPython REPL"), e.toString());
        }
    }
    /**
     * mpremote and Thonny, trying to reach the REPL, send Ctrl-C, Ctrl-A and Ctrl-D without a
     * newline; while the bridge runs those are data and wait in its line buffer. The next program
     * still connects (before, its hello was answered {@code - err syntax}).
     */
    @Test
    void bytesAnotherToolLeftDoNotSpoilTheHandshake() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            com.fazecast.jSerialComm.SerialPort tool = com.fazecast.jSerialComm.SerialPort.getCommPort(fw.port());
            assertTrue(tool.openPort(), "open " + fw.port());
            byte[] junk = {'\r', 0x03, '\r', 0x01, 0x04};
            assertEquals(junk.length, tool.writeBytes(junk, junk.length));
            tool.closePort();
            try (Pico pico = Pico.connect(SerialTransport.open(fw.port()))) {
                pico.output(25).on();
                assertEquals(1, fw.pinChanges("25").getLast().level());
            }
        }
    }

    /**
     * A board that keeps the port open but answers nothing (here the firmware frozen with SIGSTOP):
     * a program that only waits for a button is told, after three unanswered pings (with the
     * keepalive off: the clock pings a watch sends every 2 s).
     */
    @Test
    void aFrozenBoardEndsTheWatchesNamingIt() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico");
             Pico pico = Pico.connect(SerialTransport.open(fw.port()),
                     DeviceOptions.defaults().withKeepalive(java.time.Duration.ZERO))) {
            WatchedInput button = pico.watch(14);
            CompletableFuture<String> ended = new CompletableFuture<>();
            button.addEndListener(ended::complete);
            fw.pause();
            try {
                String reason = ended.get(30, TimeUnit.SECONDS);
                assertTrue(reason.contains("the board stopped answering: ") && reason.contains(" pings in a row got no reply"), reason);
                assertFalse(pico.isConnected());
            } finally {
                fw.resume();
            }
        }
    }

    /**
     * A program that armed the keepalive and then stopped talking gets its safe state at the next
     * program's {@code hello}, not in the middle of that one's session, also when the next one runs
     * with the keepalive off.
     */
    @Test
    void aNewSessionIsNotCutOffByTheLastOnesKeepalive() throws Exception {
        assumeRunner();
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            try (Pico first = Pico.connect(SerialTransport.open(fw.port()),
                    DeviceOptions.defaults().withKeepalive(java.time.Duration.ofMillis(300)))) {
                first.output(16).on(); // the keepalive went out before it, on the same link
            }
            try (Pico second = Pico.connect(SerialTransport.open(fw.port()),
                    DeviceOptions.defaults().withKeepalive(java.time.Duration.ZERO))) {
                assertEquals(0, fw.pinChanges("16").getLast().level(), "the first program's output, after hello");
                OutputPin led = second.output(25);
                led.on();
                Thread.sleep(1_000); // more than three of the first program's periods, no request
                assertTrue(led.read(), "GP25 as the board reads it");
                List<FirmwareOnPty.PinChange> changes = fw.pinChanges("25");
                assertEquals(1, changes.getLast().level(), "the firmware's own record: " + changes);
            }       // its close switches GP25 off
        }
    }
}
