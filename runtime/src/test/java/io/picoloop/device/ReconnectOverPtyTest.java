package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.PinId;
import io.picoloop.testing.ClientWarnings;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replug and restart over the pty, with the real bridge firmware under CPython: the board pulled
 * and plugged in again on the same link and on a new link name, reset with its port kept open,
 * and another board (another uid) where the first one was.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReconnectOverPtyTest {

    static final String UID = "E661410300000001";
    static final String OTHER_UID = "E6614103000000FF";

    static Pico connect(FirmwareOnPty fw, Reconnect reconnect) {
        return Pico.connect(SerialTransport.open(fw.port()), DeviceOptions.defaults(), reconnect);
    }

    static int lastLevel(FirmwareOnPty fw, String pin) throws Exception {
        List<FirmwareOnPty.PinChange> changes = fw.pinChanges(pin);
        assertFalse(changes.isEmpty(), "no recorded change of " + pin);
        return changes.getLast().level();
    }

    @Test
    void replugOnTheSameLinkRestoresOutputsAndARequestWaitsForTheBoard() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            OutputPin led = pico.output(16);
            led.on();
            pico.output(17);        // low: restored low
            fw.kill();              // the cable
            String gone = warnings.await("waiting up to 60 s");
            assertTrue(gone.contains("is gone") && gone.contains("uid " + UID), gone);
            assertFalse(pico.isConnected());
            // asked while the board is away: waits for it
            CompletableFuture<Boolean> toggled = CompletableFuture.supplyAsync(led::toggle);
            Thread.sleep(300);
            assertFalse(toggled.isDone(), "a request during the gap must wait for the board");
            fw = fw.replug("ttyPICO");
            String back = warnings.await("is back on");
            assertTrue(back.contains("GP16 high, GP17 low"), back);
            assertFalse(toggled.get(10, TimeUnit.SECONDS), "the waiting toggle ran once, on the restored high level");
            assertEquals(0, lastLevel(fw, "16"));
            assertEquals(0, lastLevel(fw, "17"));
            assertTrue(fw.pinChanges("16").stream().anyMatch(c -> c.level() == 1),
                    "the new boot drove GP16 high again before the toggle");
            assertTrue(pico.isConnected());
            assertEquals(1, pico.reconnects());
            assertEquals(Duration.ofSeconds(3), waitForKeepalive(pico), "the keepalive is armed again");
            led.on();
            assertEquals(1, lastLevel(fw, "16"));
        } finally {
            fw.close();
        }
    }

    @Test
    void levelsSetTogetherAreRestoredAfterAReplug() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            OutputPin red = pico.output(16);
            OutputPin yellow = pico.output(19);
            yellow.on();
            OutputPin green = pico.output(20);
            pico.setTogether(java.util.Map.of(red, true, yellow, false, green, true));
            fw.kill();
            warnings.await("waiting up to");
            fw = fw.replug("ttyPICO");
            String back = warnings.await("is back on");
            assertTrue(back.contains("GP16 high, GP19 low, GP20 high"), back);
            assertEquals(1, lastLevel(fw, "16"));
            assertEquals(1, lastLevel(fw, "20"));
            assertEquals(0, lastLevel(fw, "19"));
        } finally {
            fw.close();
        }
    }

    static Duration waitForKeepalive(Pico pico) throws InterruptedException {
        for (int i = 0; i < 100 && pico.confirmedKeepalive().isZero(); i++) {
            Thread.sleep(50);
        }
        return pico.confirmedKeepalive();
    }

    @Test
    void replugOnANewLinkNameKeepsTheWatchAndCountsTheGapAsLost() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        String newLink = fw.directory().resolve("ttyACM1").toString();
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of(newLink)))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
            BlockingQueue<LostEvents> lost = new LinkedBlockingQueue<>();
            WatchedInput button = pico.watch(PinId.gpio(14), Pull.UP, Duration.ofMillis(5), w -> {
                w.addListener(edges::add);
                w.addLostListener(lost::add);
            });
            fw.drive(14, 0, 0);     // pressed, and held through the replug
            assertFalse(edges.poll(10, TimeUnit.SECONDS).level());
            fw = fw.replug("ttyACM1");      // released on the new boot: nobody holds it there
            String back = warnings.await("is back on " + newLink);
            assertTrue(back.contains("1 watch"), back);
            assertEquals(newLink, pico.description());
            LostEvents gap = lost.poll(10, TimeUnit.SECONDS);
            assertNotNull(gap, "the gap counts as lost");
            assertEquals(1, gap.count());
            Edge trueLevel = edges.poll(10, TimeUnit.SECONDS);
            assertNotNull(trueLevel, "the true level, read again");
            assertTrue(trueLevel.level());
            assertTrue(button.isActive());
            fw.drive(14, 0, 0);     // a press after the replug reaches the same listener
            Edge press = edges.poll(10, TimeUnit.SECONDS);
            assertNotNull(press);
            assertFalse(press.level());
            assertTrue(press.seq() >= 1);
        } finally {
            fw.close();
        }
    }

    @Test
    void aResetThatKeepsThePortRestoresTheSetupAndTheRequestSentDuringTheRebootSucceeds() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
             Pico pico = connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            OutputPin out = pico.output(16);
            out.on();
            fw.resetKeepingPort();
            Thread.sleep(300);      // the board reboots for 1 s: this write waits in the pty
            out.off();              // before the fix: answered "err mode" after ! boot
            String restarted = warnings.await("restarted (! boot");
            assertTrue(restarted.contains("waiting up to"), restarted);
            warnings.await("is back on");
            assertEquals(0, lastLevel(fw, "16"));
            out.on();
            assertEquals(1, lastLevel(fw, "16"));
        }
    }

    /** Unwatched while the board is away: done at once, and the board comes back without the watch. */
    @Test
    void aWatchEndedDuringTheGapIsNotRestored() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            WatchedInput button = pico.watch(14);
            fw.kill();
            warnings.await("waiting up to");
            button.unwatch();       // before: waited for the board, then failed with its "err mode"
            assertFalse(button.isActive());
            fw = fw.replug("ttyPICO");
            assertTrue(warnings.await("is back on").contains("0 watches"));
            pico.ping();
        } finally {
            fw.close();
        }
    }

    /** The board's keepalive runs out (here: a period shorter than the client feeds): outputs and watches come back. */
    @Test
    void anExpiredKeepaliveIsRestoredLikeARestart() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
             Pico pico = connect(fw, Reconnect.serialPaths(List.of()))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            pico.output(16).on();
            WatchedInput button = pico.watch(14);
            pico.send("keepalive", "100");      // the client feeds it every second: it runs out
            String off = warnings.await("switched its outputs off (! expired 100");
            assertTrue(off.contains("waiting up to"), off);
            warnings.await("is back on");
            assertEquals(1, lastLevel(fw, "16"), "GP16 driven high again after the board switched it off");
            assertTrue(fw.pinChanges("16").stream().anyMatch(c -> c.level() == 0), "the expiry did switch it off");
            assertTrue(button.isActive(), "the watch goes on: " + button.endReason());
            assertEquals(Duration.ofSeconds(3), waitForKeepalive(pico), "the client's own keepalive is armed again");
        }
    }

    @Test
    void withoutReconnectTheRequestSentDuringTheRebootFailsSayingTheBoardRestarted() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
             Pico pico = connect(fw, Reconnect.off())) {
            OutputPin out = pico.output(16);
            fw.resetKeepingPort();
            Thread.sleep(300);
            DeviceException e = assertThrows(DeviceException.class, () -> out.on());
            assertFalse(e instanceof DeviceErrorException, "not the board's err mode: " + e.getMessage());
            assertTrue(e.getMessage().contains("restarted (! boot"), e.getMessage());
            assertFalse(e.getMessage().contains("not an output"), e.getMessage());
        }
    }

    @Test
    void anotherBoardOnTheSameLinkIsNotTakenForTheOldOne() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        String newLink = fw.directory().resolve("ttyACM1").toString();
        FirmwareOnPty other = null;
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of(newLink)))) {
            ClientWarnings warnings = new ClientWarnings(pico);
            pico.output(16).on();
            fw.kill();
            // its own pin record, the old board's link path
            other = FirmwareOnPty.start("pico", OTHER_UID, null, fw.port());
            String refused = warnings.await("another board");
            assertTrue(refused.contains("uid " + OTHER_UID) && refused.contains("uid " + UID), refused);
            assertFalse(pico.isConnected());
            Thread.sleep(500);
            assertTrue(other.pinChanges("16").isEmpty(), "nothing of the program's state went to the other board");
            fw = fw.replug("ttyACM1");      // the program's own board, elsewhere
            warnings.await("is back on " + newLink);
            assertEquals(1, lastLevel(fw, "16"));
            assertTrue(other.pinChanges("16").isEmpty());
        } finally {
            fw.close();
            if (other != null) {
                other.close();
            }
        }
    }

    @Test
    void requestsFailAtOnceDuringTheGapWhenTheProgramSaysSo() throws Exception {
        FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
        try (Pico pico = connect(fw, Reconnect.serialPaths(List.of()).failingDuringGap())) {
            ClientWarnings warnings = new ClientWarnings(pico);
            OutputPin led = pico.output(16);
            fw.kill();
            assertTrue(warnings.await("waiting up to").contains("requests fail until then"));
            long t0 = System.nanoTime();
            DeviceDisconnectedException e = assertThrows(DeviceDisconnectedException.class, led::on);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "failed at once");
            assertTrue(e.getMessage().contains("not sent"), e.getMessage());
            fw = fw.replug("ttyPICO");
            warnings.await("is back on");
            led.on();
            assertEquals(1, lastLevel(fw, "16"));
        } finally {
            fw.close();
        }
    }

    @Test
    void whenTheLimitPassesTheLinkIsLostAsWithoutReconnecting() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico", UID, null, "ttyPICO");
             Pico pico = connect(fw, Reconnect.serialPaths(List.of()).withLimit(Duration.ofSeconds(1)))) {
            OutputPin led = pico.output(16);
            fw.kill();
            DeviceDisconnectedException lost = pico.whenLost().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertTrue(lost.getMessage().contains("did not come back within 1 s"), lost.getMessage());
            assertFalse(pico.isConnected());
            ExecutionException e = assertThrows(ExecutionException.class, () -> led.onAsync().get(5, TimeUnit.SECONDS));
            assertInstanceOf(DeviceDisconnectedException.class, e.getCause());
        }
    }
}
