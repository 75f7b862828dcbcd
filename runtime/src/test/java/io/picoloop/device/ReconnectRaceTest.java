package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ScriptedDevice;
import io.picoloop.transport.LineListener;
import io.picoloop.transport.Transport;
import io.picoloop.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reconnect's edge cases that need a link under the test's control. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReconnectRaceTest {

    /** A link that can die on the writer's side before its reader reports the loss (as a hang-up does). */
    private static final class DyingLink implements Transport {
        final Transport inner;
        volatile boolean dead;
        volatile LineListener listener;

        DyingLink(Transport inner) {
            this.inner = inner;
        }

        @Override
        public void start(LineListener l) {
            listener = l;
            inner.start(l);
        }

        @Override
        public void send(String line) {
            if (dead) {
                throw new TransportException(description() + " is closed");
            }
            inner.send(line);
        }

        @Override
        public void sendBytes(byte[] line) {
            send(new String(line, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public boolean isOpen() {
            return !dead && inner.isOpen();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static ScriptedDevice board() {
        return ScriptedDevice.afterHello(l -> List.of(ScriptedDevice.id(l) + (l.contains(" toggle ") ? " ok 1 5" : " ok 5")));
    }

    /**
     * The bench found it on the rig (cycle 27 of 50): a request sent after the link died but before
     * its reader said so failed with "cannot send ... is closed", killing the program, instead of
     * waiting for the board like every request after it.
     */
    @Test
    void aRequestThatFindsTheLinkClosedBeforeTheLossIsReportedWaitsForTheBoard() throws Exception {
        try (ScriptedDevice first = board(); ScriptedDevice second = board()) {
            DyingLink link = new DyingLink(first.transport());
            Reconnect reconnect = new Reconnect(Duration.ofSeconds(10), false, List::of, path -> second.transport());
            try (Pico pico = Pico.connect(link, DeviceOptions.defaults(), reconnect)) {
                OutputPin out = pico.output(16);
                link.dead = true;       // the writer knows, the reader has not said yet
                CompletableFuture<Boolean> toggled = out.toggleAsync();
                Thread.sleep(200);
                assertFalse(toggled.isCompletedExceptionally(), () -> "failed instead of waiting: "
                        + toggled.exceptionNow());
                link.listener.onClosed(new IOException("device unplugged"));
                assertTrue(toggled.get(10, TimeUnit.SECONDS));
                assertTrue(second.received.stream().anyMatch(l -> l.endsWith(" toggle 16")), second.received.toString());
                assertTrue(second.received.stream().anyMatch(l -> l.endsWith(" mode 16 out 0")), second.received.toString());
            }
        }
    }
}
