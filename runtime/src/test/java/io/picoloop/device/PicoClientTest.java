package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.testing.ScriptedDevice;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.ProtocolVersionException;
import io.picoloop.protocol.Reply;
import io.picoloop.sim.SimulatedPico;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PicoClientTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    /** For tests that count or order every request: no keepalive and none of its pings. */
    private static final DeviceOptions NO_KEEPALIVE = DeviceOptions.defaults().withKeepalive(Duration.ZERO);

    /** The failure of a future, unwrapped. */
    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void handshakeAndLedOnTheSimulator() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            BridgeIdentity b = pico.identity();
            assertEquals("25", b.ledToken());
            assertEquals(27, b.freePins().size());
            assertEquals(SimulatedPico.FIRMWARE_VERSION, b.firmwareVersion());
            assertTrue(b.model().startsWith("Raspberry Pi Pico with RP2040"));

            OutputPin led = pico.output("LED");
            assertFalse(sim.ledOn());
            assertTrue(led.toggle());
            assertTrue(sim.ledOn());
            assertTrue(led.read());
            led.off();
            assertFalse(sim.ledOn());
            led.on();
            OutputPin gp16 = pico.output("GP16");
            gp16.set(true);
            assertEquals(1, sim.level(PinId.gpio(16)).getAsInt());
            assertEquals(2, pico.allOff());
            assertFalse(sim.ledOn());
            assertEquals(0, sim.level(PinId.gpio(16)).getAsInt());
            assertTrue(pico.ping().deviceMicros() >= 0);
        }
    }

    @Test
    void pinNamesFromTheBoardProfileWorkInPrograms() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            pico.output("red").on();                    // the classroom kit's names, by default
            assertEquals(1, sim.level(PinId.gpio(16)).getAsInt());
            var e = assertThrows(IllegalArgumentException.class, () -> pico.output("blue"));
            assertEquals("\"blue\" is not a pin: use a GPIO number (16 or GP16), LED, or a name from the default"
                    + " board profile (button, green, led, red, yellow)", e.getMessage());
        }
        java.nio.file.Path f = java.nio.file.Files.createTempFile("lab", ".properties");
        try {
            java.nio.file.Files.writeString(f, "pin.buzzer=GP15\npin.radio=GP23\n");
            var profile = io.picoloop.config.BoardProfileLoader.load(f);
            try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO_W);
                 Pico pico = Pico.connect(sim.transport(), DeviceOptions.defaults().withProfile(profile))) {
                pico.output("buzzer").on();
                assertEquals(1, sim.level(PinId.gpio(15)).getAsInt());
                // GP23 is free on no Pico W: the message says which line of which file named it
                var e = assertThrows(IllegalArgumentException.class, () -> pico.output("radio"));
                assertTrue(e.getMessage().startsWith("radio (pin.radio=23 in config file " + f + "): GP23 is not a free GPIO"),
                        e.getMessage());
                assertFalse(e.getMessage().contains("use LED"), "the LED hint is for GP25 only: " + e.getMessage());
            }
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void inputPinsOnAPicoW() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO_W);
             Pico pico = Pico.connect(sim.transport())) {
            assertTrue(pico.identity().ledIsSeparate());
            InputPin button = pico.input(14, Pull.UP);
            assertTrue(button.read(), "pull-up reads high");
            sim.setInputLevel(PinId.gpio(14), 0);
            assertFalse(button.read());
            pico.output(PinId.LED).toggle();
            assertTrue(sim.ledOn());
        }
    }

    @Test
    void pinsAreRefusedOnTheHostBeforeAnythingIsSent() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of(ScriptedDevice.id(l) + " ok"));
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pico.output(29));
            assertEquals("GP29 is not a free GPIO on a Raspberry Pi Pico with RP2040 (free: 0-22,25-28): GP29 senses VSYS",
                    e.getMessage(), "no LED hint: on a Pico the LED is GP25, and that is free");
            assertThrows(IllegalArgumentException.class, () -> pico.output("banana"));
            assertThrows(IllegalArgumentException.class, () -> pico.input("GP23", Pull.NONE));
            assertThrows(IllegalArgumentException.class, () -> pico.output(-1));
            assertThrows(IllegalArgumentException.class, () -> pico.send("write", "25 1"));
            assertEquals(1, dev.received.size(), "only hello went out: " + dev.received);
        }
    }

    @Test
    void pipelinedRequestsAreMatchedByIdAndNeverMoreThan16InFlight() throws Exception {
        // The device collects requests and answers each batch in reverse order, with the id as value.
        AtomicInteger maxOutstanding = new AtomicInteger();
        List<String> batch = new ArrayList<>();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> {
                batch.add(ScriptedDevice.id(l));
                maxOutstanding.accumulateAndGet(batch.size(), Math::max);
                if (batch.size() < 16) {
                    return List.of();
                }
                List<String> out = new ArrayList<>();
                for (int i = batch.size() - 1; i >= 0; i--) {
                    out.add(batch.get(i) + " ok " + batch.get(i));
                }
                batch.clear();
                return out;
            });
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            List<CompletableFuture<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                futures.add(pico.send("ping"));
            }
            for (CompletableFuture<Reply> f : futures) {
                Reply r = f.get(10, TimeUnit.SECONDS);
                assertEquals(r.idText(), r.value(0), "each future got its own reply");
            }
            assertEquals(16, maxOutstanding.get());
        }
    }

    @Test
    void pipelinedTogglesOnTheSimulatorKeepTheirOrder() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            OutputPin led = pico.output("LED");
            List<CompletableFuture<Boolean>> levels = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                levels.add(led.toggleAsync());
            }
            for (int i = 0; i < levels.size(); i++) {
                assertEquals(i % 2 == 0, levels.get(i).get(10, TimeUnit.SECONDS), "toggle " + i);
            }
            assertTrue(sim.ledOn());
        }
    }

    @Test
    void silentDeviceTimesOutNamingRequestAndPort() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of());
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withRequestTimeout(Duration.ofMillis(200)))) {
            long t0 = System.nanoTime();
            DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class, () -> pico.output(25));
            assertTrue(System.nanoTime() - t0 < BOUND.toNanos());
            assertTrue(e.getMessage().contains("mode 25 out 0"), e.getMessage());
            assertTrue(e.getMessage().contains("scripted device"), e.getMessage());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            assertTrue(e.getMessage().endsWith("200 ms: the board stopped answering (unplugged, reset, or its bridge"
                    + " stopped?); check the USB cable, replug the board and try again"), e.getMessage());
        }
    }

    @Test
    void garbageInsteadOfTheHelloReplyNamesTheFixAsSilenceDoes() {
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of("\u00ff\u0000A"))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> Pico.connect(dev.transport()));
            assertTrue(e.getMessage().startsWith("no reply to \"1 hello\" from scripted device: the device sent bytes"
                    + " that are not printable ASCII: \"\\xff\\x00A\": is the picoloop bridge installed"), e.getMessage());
            assertTrue(e.getMessage().endsWith("is this the right port (`picoloop ports` lists them)?"), e.getMessage());
        }
    }

    /**
     * What a board had buffered before the port was opened comes before the hello reply: MicroPython
     * 1.24+ keeps what it wrote while no host listened, dropping the oldest bytes, so the first line
     * may be cut; then an earlier program's replies and events. None of it is hello's answer.
     */
    @Test
    void staleOutputBeforeTheHelloReplyIsNotTheAnswer() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice(l -> l.endsWith(" hello")
                ? List.of("ge 14 0 9120 7", "17 ok 1 2841", "- err syntax byte 0x03 at column 1", "! expired 3000",
                        ScriptedDevice.id(l) + " " + ScriptedDevice.HELLO_PICO)
                : List.of(ScriptedDevice.id(l) + " ok"));
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            List<String> warnings = new CopyOnWriteArrayList<>();
            pico.onWarning(warnings::add);
            assertEquals("E6614103E7452D2F", pico.identity().uid());
            assertTrue(pico.send("ping").get(10, TimeUnit.SECONDS).ok(), "the session goes on");
            Thread.sleep(2 * RequestPipeline.STALE_GRACE.toMillis());  // the stale garbage's verdict would have come
            assertTrue(pico.isConnected());
            assertEquals(List.of(), warnings, "nothing from before the hello reply is reported");
        }
    }

    @Test
    void silentDeviceFailsTheHandshakeWithAHintAfterTheBootAllowance() {
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of())) {
            long start = System.nanoTime();
            DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class, () -> Pico.connect(dev.transport(),
                    DeviceOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300))));
            assertTrue(System.nanoTime() - start >= Handshake.BOOT_ALLOWANCE.toNanos(), "silence is a board booting until then");
            assertTrue(e.getMessage().contains("no answer to hello"), e.getMessage());
            assertTrue(e.getMessage().contains("picoloop install"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }

    /**
     * A board plugged in a moment ago: USB is up but its bridge is still compiling, so it says
     * nothing for longer than a hello waits, then "! boot", then answers. Before, the handshake
     * gave up after its timeout ("no answer to hello").
     */
    @Test
    void aBoardStillBootingIsWaitedFor() {
        long bootAt = System.nanoTime() + 1_500_000_000L;
        try (ScriptedDevice dev = new ScriptedDevice(l -> {
            if (System.nanoTime() < bootAt) {
                return List.of();       // still compiling: the line is not read
            }
            return l.endsWith(" hello") ? List.of("! boot", ScriptedDevice.id(l) + " " + ScriptedDevice.HELLO_PICO)
                    : List.of(ScriptedDevice.id(l) + " ok");
        });
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE.withHandshakeTimeout(Duration.ofMillis(300)))) {
            assertEquals("E6614103E7452D2F", pico.identity().uid());
            assertTrue(dev.received.size() >= 2, "hello was sent again: " + dev.received);
        }
    }

    /** Garbage still fails at once, not after the boot allowance. */
    @Test
    void garbageIsNotWaitedOutAsABoot() {
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of("Traceback (most recent call last):"))) {
            long start = System.nanoTime();
            assertThrows(ProtocolException.class, () -> Pico.connect(dev.transport(),
                    DeviceOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300))));
            assertTrue(System.nanoTime() - start < Handshake.BOOT_ALLOWANCE.toNanos() / 2, "failed fast");
        }
    }

    @Test
    void deviceErrorCarriesCodeAndTheDevicesMessage() {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            DeviceErrorException e = assertInstanceOf(DeviceErrorException.class, failure(pico.send("toggle", "20")));
            assertEquals("mode", e.code());
            assertTrue(e.deviceMessage().contains("20 is not an output; send: mode 20 out"), e.getMessage());
            assertEquals("toggle 20", e.request().describe());
            assertEquals("unknown", ((DeviceErrorException) failure(pico.send("blink"))).code());
            assertTrue(pico.ping().deviceMicros() >= 0, "the session goes on");
        }
    }

    @Test
    void replBannerInsteadOfAReplyNamesTheRepl() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of("MicroPython v1.26.1 on 2025-09-11;"
                + " Raspberry Pi Pico with RP2040", ">>> "));
             Pico pico = Pico.connect(dev.transport(), NO_KEEPALIVE)) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> pico.ping());
            assertTrue(e.getMessage().contains("MicroPython REPL"), e.getMessage());
            assertTrue(e.getMessage().contains("2 ping"), "names the request: " + e.getMessage());
        }
    }

    @Test
    void connectingToTheReplFailsFastNamingIt() {
        // a REPL echoes the line, then complains
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of(l, "Traceback (most recent call last):",
                "  File \"<stdin>\", line 1", "SyntaxError: invalid syntax"))) {
            long t0 = System.nanoTime();
            ProtocolException e = assertThrows(ProtocolException.class, () -> Pico.connect(dev.transport()));
            assertTrue(e.getMessage().contains("picoloop install"), e.getMessage());
            assertTrue(e.getMessage().contains("copy bridge-firmware/*.py"), "the manual way second: " + e.getMessage());
            assertFalse(e.getMessage().contains("right port"), "the REPL's own fix, not the one for garbage: " + e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofMillis(900).toNanos(), "before the timeout");
        }
    }

    @Test
    void randomBytesFailPendingRequestsNamingWhatWasSeen() {
        Random rnd = new Random(7);
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of());
             Pico pico = Pico.connect(dev.transport())) {
            for (int round = 0; round < 20; round++) {
                CompletableFuture<Reply> f = pico.send("ping");
                byte[] junk = new byte[1 + rnd.nextInt(40)];
                rnd.nextBytes(junk);
                for (int i = 0; i < junk.length; i++) {
                    if (junk[i] == '\n' || junk[i] == '\r' || junk[i] == ' ') {
                        junk[i] = (byte) 0x80;
                    }
                }
                junk[0] = (byte) 0xFE;
                dev.sendRaw(junk);
                dev.sendRaw(new byte[] {'\n'});
                ProtocolException e = assertInstanceOf(ProtocolException.class, failure(f));
                assertTrue(e.getMessage().contains("\\xfe"), e.getMessage());
            }
        }
    }

    @Test
    void overlongDeviceLineIsGarbage() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of("1".repeat(1000)));
             Pico pico = Pico.connect(dev.transport())) {
            ProtocolException e = assertInstanceOf(ProtocolException.class, failure(pico.send("ping")));
            assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        }
    }

    @Test
    void linkClosedMidRequestFailsEverythingPending() {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> List.of());
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withRequestTimeout(Duration.ofSeconds(30)))) {
            List<CompletableFuture<Reply>> pending = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pending.add(pico.send("ping"));
            }
            dev.link.disconnect();
            for (CompletableFuture<Reply> f : pending) {
                DeviceDisconnectedException e = assertInstanceOf(DeviceDisconnectedException.class, failure(f));
                assertTrue(e.getMessage().contains("scripted device"), e.getMessage());
            }
            assertInstanceOf(DeviceDisconnectedException.class, failure(pico.send("ping")));
            assertFalse(pico.isConnected());
        }
    }

    @Test
    void simulatorUnpluggedDuringBlockingCall() {
        SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
        try (Pico pico = Pico.connect(sim.transport())) {
            OutputPin led = pico.output("LED");
            sim.close();
            assertThrows(DeviceDisconnectedException.class, led::toggle);
        }
    }

    @Test
    void newerProtocolSaysUpdateTheHost() {
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of(ScriptedDevice.id(l) + " "
                + ScriptedDevice.HELLO_PICO.replace("proto=1", "proto=2")))) {
            ProtocolVersionException e = assertThrows(ProtocolVersionException.class, () -> Pico.connect(dev.transport()));
            assertTrue(e.getMessage().contains("protocol 2"), e.getMessage());
            assertTrue(e.getMessage().contains("update picoloop on this computer"), e.getMessage());
        }
        try (ScriptedDevice dev = new ScriptedDevice(l -> List.of(ScriptedDevice.id(l) + " "
                + ScriptedDevice.HELLO_PICO.replace("proto=1", "proto=0")))) {
            ProtocolVersionException e = assertThrows(ProtocolVersionException.class, () -> Pico.connect(dev.transport()));
            assertTrue(e.getMessage().contains("update the bridge firmware"), e.getMessage());
        }
    }

    @Test
    void bootMidSessionWarnsThatTheBoardRestarted() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            CompletableFuture<String> warning = new CompletableFuture<>();
            List<String> events = new CopyOnWriteArrayList<>();
            pico.onWarning(warning::complete);
            pico.onEvent(e -> events.add(e.kind()));
            sim.restart();
            assertTrue(warning.get(10, TimeUnit.SECONDS).contains("restarted"));
            pico.ping();
            assertEquals(List.of("boot"), events);
        }
    }

    @Test
    void callbacksNeverRunOnTheReaderThread() throws Exception {
        try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
             Pico pico = Pico.connect(sim.transport())) {
            String thread = pico.send("ping").thenApply(r -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
            assertFalse(thread.startsWith("picoloop-reader"), thread);
            CompletableFuture<Reply> err = pico.send("read", "20");
            String t2 = err.handle((r, e) -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
            assertFalse(t2.startsWith("picoloop-reader") || t2.startsWith("picoloop-timeouts"), t2);
        }
    }

    @Test
    void blockingCallsInATaskParkTheTaskNotTheLoop() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (SimulatedPico sim = SimulatedPico.start(BoardModel.PICO);
                 Pico pico = Pico.connect(sim.transport());
                 EventLoop loop = EventLoop.create()) {
                AtomicInteger ticks = new AtomicInteger();
                int toggles = loop.run(() -> {
                    OutputPin led = pico.output("LED");
                    var ticker = loop.spawn("ticker", () -> {
                        while (true) {
                            ticks.incrementAndGet();
                            Async.yieldNow();
                        }
                    });
                    int n = 0;
                    for (int i = 0; i < 50; i++) {
                        led.toggle();
                        n++;
                    }
                    ticker.cancel();
                    return n;
                });
                assertEquals(50, toggles);
                assertTrue(ticks.get() > 50, "the loop ran other tasks while the device answered: " + ticks.get());
                assertFalse(sim.ledOn());
            }
        });
    }

    /**
     * A task's blocking call is woken from the thread that read the reply, one hand-off as for an
     * edge: it returns while the callback executor runs nothing (before, the reply went through
     * that executor first, and this hung).
     */
    @Test
    void aTasksBlockingCallDoesNotWaitForTheCallbackExecutor() {
        assertTimeoutPreemptively(BOUND, () -> {
            AtomicBoolean hold = new AtomicBoolean();
            List<Runnable> held = new CopyOnWriteArrayList<>();
            Executor callbacks = r -> {
                if (hold.get()) {
                    held.add(r);
                } else {
                    r.run();
                }
            };
            DeviceOptions options = new DeviceOptions(Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Protocol.MAX_IN_FLIGHT, callbacks);
            try (SimulatedPico sim = SimulatedPico.start(io.picoloop.board.BoardModel.PICO);
                 Pico pico = Pico.connect(sim.transport(), options);
                 EventLoop loop = EventLoop.create()) {
                OutputPin led = pico.output("LED");
                hold.set(true);
                try {
                    boolean[] levels = loop.run(() -> new boolean[]{led.toggle(), led.read(), led.toggleTimed().level()});
                    assertArrayEquals(new boolean[]{true, true, false}, levels);
                } finally {
                    hold.set(false);        // for close(), from this plain thread
                    held.forEach(Runnable::run);
                }
            }
        });
    }
}
