package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.testing.ScriptedDevice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client's half of the keepalive, against scripted bridges (the board's half: sim and firmware tests). */
class KeepaliveTest {

    /** A bridge with the keepalive (firmware 0.3.0 on): ok to everything, pings and watches with a value. */
    private static List<String> modern(String line) {
        String id = ScriptedDevice.id(line);
        return List.of(line.endsWith(" ping") ? id + " ok 5" : line.contains(" watch ") ? id + " ok 1" : id + " ok");
    }

    private static long count(ScriptedDevice dev, String command) {
        return dev.received.stream().filter(l -> l.matches("\\d+ " + command + "( .*)?")).count();
    }

    private static ScriptedDevice bridge(CountDownLatch seen, String command, Function<String, List<String>> script) {
        return ScriptedDevice.afterHello(l -> {
            if (l.matches("\\d+ " + command + "( .*)?")) {
                seen.countDown();
            }
            return script.apply(l);
        });
    }

    @Test
    void theKeepaliveGoesOutRightAfterTheHandshakeAndAnIdleClientPings() throws Exception {
        CountDownLatch pings = new CountDownLatch(3);
        try (ScriptedDevice dev = bridge(pings, "ping", KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300)))) {
            assertTrue(pings.await(10, TimeUnit.SECONDS), "an idle client pings to keep the board on: " + dev.received);
            assertTrue(dev.received.get(0).endsWith(" hello"), dev.received.toString());
            assertTrue(dev.received.get(1).matches("\\d+ keepalive 300"), dev.received.toString());
            assertEquals(1, count(dev, "keepalive"));
            assertTrue(pico.isConnected());
        }
    }

    @Test
    void anOkThatArrivesAfterTheBoardRestartedConfirmsNothing() throws Exception {
        // the board restarts between our keepalive and its ok: the client arms again at the
        // ! boot, and the late ok of the first arm must not count for the second, unanswered one
        var keepalives = new java.util.concurrent.atomic.AtomicInteger();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> {
                 if (!l.matches("\\d+ keepalive .*")) {
                     return modern(l);
                 }
                 return keepalives.incrementAndGet() == 1
                         ? List.of("! boot picoloop proto=1 fw=0.3.0", ScriptedDevice.id(l) + " ok")
                         : List.of();          // the restarted board never answers the second
             });
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300))
                     .withRequestTimeout(Duration.ofSeconds(30)))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(dev, "keepalive") < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(2, count(dev, "keepalive"), dev.received.toString());
            pico.ping();        // its reply is handled after the late ok: that one has had its say
            assertEquals(Duration.ZERO, pico.confirmedKeepalive());
        }
    }

    @Test
    void confirmedKeepaliveIsThePeriodTheBoardAcknowledgedAndZeroOtherwise() throws Exception {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300)))) {
            // the answer to keepalive may come after connect returns: the next reply comes after it
            pico.ping();
            assertEquals(Duration.ofMillis(300), pico.confirmedKeepalive());
        }
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> l.matches("\\d+ keepalive .*")
                ? List.of(ScriptedDevice.id(l) + " err unknown no command keepalive") : modern(l));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300)))) {
            pico.ping();
            assertEquals(Duration.ZERO, pico.confirmedKeepalive(), "an old bridge refused it");
        }
        try (ScriptedDevice dev = ScriptedDevice.afterHello(KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ZERO))) {
            pico.ping();
            assertEquals(Duration.ZERO, pico.confirmedKeepalive(), "off");
        }
    }

    @Test
    void aBusyProgramsRequestsAreEnoughNoPingIsAdded() throws Exception {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofSeconds(3)))) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < end) { // a request every ~50 ms; a ping needs 1 s of silence
                pico.await(pico.send("read", "25"));
                Thread.sleep(50);
            }
            assertEquals(0, count(dev, "ping"), dev.received.toString());
        }
    }

    @Test
    void anOldBridgeWithoutTheCommandGetsOneWarningAndTheClientCarriesOn() throws Exception {
        String oldHello = ScriptedDevice.HELLO_PICO.replace("fw=" + io.picoloop.protocol.Protocol.BRIDGE_FIRMWARE, "fw=0.1.0");
        try (ScriptedDevice dev = ScriptedDevice.afterHello(oldHello, l -> l.matches("\\d+ keepalive .*")
                ? List.of(ScriptedDevice.id(l) + " err unknown no command keepalive (commands: hello ping mode write"
                        + " toggle read off watch unwatch repl)")
                : modern(l));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300)))) {
            List<String> warnings = new CopyOnWriteArrayList<>();
            CompletableFuture<String> first = new CompletableFuture<>();
            // added after connect: the answer to the keepalive may well have come before
            pico.onWarning(w -> {
                if (w.contains("keepalive")) {      // (the other: this picoloop comes with a newer bridge)
                    warnings.add(w);
                    first.complete(w);
                }
            });
            String w = first.get(10, TimeUnit.SECONDS);
            assertTrue(w.contains("has no keepalive") && w.contains("firmware 0.1.0") && w.contains("update the bridge"), w);
            assertEquals(5, pico.ping().deviceMicros(), "requests work as before");
            Thread.sleep(600); // two periods: a client still feeding a keepalive would have pinged
            assertEquals(1, count(dev, "ping"), "the program's own ping only, none to feed a board without"
                    + " keepalive: " + dev.received);
            assertEquals(List.of(w), warnings, "said once");
        }
    }

    @Test
    void expiredWarnsEndsTheWatchesAndArmsTheBoardAgain() throws Exception {
        CountDownLatch keepalives = new CountDownLatch(2);
        try (ScriptedDevice dev = bridge(keepalives, "keepalive", KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport())) {
            CompletableFuture<String> warning = new CompletableFuture<>();
            pico.onWarning(warning::complete);
            CompletableFuture<DeviceEvent> event = new CompletableFuture<>();
            pico.onEvent(event::complete);
            WatchedInput button = pico.watch(14);
            assertTrue(button.isActive());
            dev.sendRaw("! expired 3000\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String w = warning.get(10, TimeUnit.SECONDS);
            assertTrue(w.contains("switched its outputs off: no request from this host for 3000 ms"), w);
            assertEquals(DeviceEvent.EXPIRED, event.get(10, TimeUnit.SECONDS).kind(), "programs see the event too");
            assertFalse(button.isActive(), "the board ended the watch");
            assertTrue(button.endReason().contains("keepalive ran out"), button.endReason());
            assertTrue(keepalives.await(10, TimeUnit.SECONDS), "armed again: " + dev.received);
            assertEquals(2, count(dev, "keepalive"), dev.received.toString());
        }
    }

    /** The port stays open but the bridge answers nothing: a program that only listens is told, and the link ends. */
    @Test
    void threeUnansweredKeepalivePingsInARowEndTheLink() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> frozen.get() ? List.of() : modern(l));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300))
                     .withRequestTimeout(Duration.ofMillis(200)))) {
            CompletableFuture<String> said = new CompletableFuture<>();
            pico.onWarning(w -> {
                if (w.contains("stopped answering")) {
                    said.complete(w);
                }
            });
            Thread.sleep(500);      // answered pings meanwhile: nothing happens
            assertTrue(pico.isConnected());
            frozen.set(true);
            String w = said.get(10, TimeUnit.SECONDS);
            assertTrue(w.matches("lost the connection to scripted device: the board stopped answering: [3-9] pings in a row"
                    + " got no reply within 200 ms, and nothing came from it for \\d+ ms .*"), w);
            assertFalse(pico.isConnected());
            assertThrows(DeviceDisconnectedException.class, pico::ping);
        }
    }

    /**
     * Pings sent together time out together when the board is slow for a moment (a first watch
     * calibrates with four): that is not three timeouts' worth of silence, and the link stays.
     */
    @Test
    void aBurstOfPingsTimingOutTogetherIsNoLoss() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> slow.get() ? List.of() : modern(l));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ZERO)
                     .withRequestTimeout(Duration.ofMillis(200)))) {
            slow.set(true);
            List<CompletableFuture<PingResult>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(pico.pingAsync());
            }
            for (CompletableFuture<PingResult> p : burst) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> p.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof DeviceTimeoutException, e.toString());
            }
            slow.set(false);
            assertEquals(5, pico.ping().deviceMicros(), "the link is still up");
            assertTrue(pico.isConnected());
        }
    }

    /** Pings now and then unanswered (a busy board, a lossy moment) are no reason to give up. */
    @Test
    void unansweredPingsNotInARowKeepTheLink() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pingsSeen = new java.util.concurrent.atomic.AtomicInteger();
        try (ScriptedDevice dev = ScriptedDevice.afterHello(l -> l.endsWith(" ping") && pingsSeen.incrementAndGet() % 3 != 0
                ? List.of() : modern(l));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ofMillis(300))
                     .withRequestTimeout(Duration.ofMillis(200)))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pingsSeen.get() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(pingsSeen.get() >= 12, "pings seen: " + pingsSeen);
            assertTrue(pico.isConnected(), "two in a row unanswered, then one answered, four times over");
        }
    }

    @Test
    void zeroIsOffAndNothingIsSent() throws Exception {
        try (ScriptedDevice dev = ScriptedDevice.afterHello(KeepaliveTest::modern);
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ZERO))) {
            pico.ping();
            assertEquals(0, count(dev, "keepalive"), dev.received.toString());
        }
    }

    @Test
    void optionsTakeZeroOrWholeMillisecondsFrom100msTo10Minutes() {
        assertEquals(Duration.ofSeconds(3), DeviceOptions.defaults().keepalive());
        for (Duration ok : List.of(Duration.ZERO, Duration.ofMillis(100), Duration.ofMinutes(10))) {
            assertEquals(ok, DeviceOptions.defaults().withKeepalive(ok).keepalive());
        }
        for (Duration bad : List.of(Duration.ofMillis(99), Duration.ofMillis(600_001), Duration.ofMillis(-1),
                Duration.ofNanos(150_500_000))) {
            assertThrows(IllegalArgumentException.class, () -> DeviceOptions.defaults().withKeepalive(bad), bad.toString());
        }
    }
}
