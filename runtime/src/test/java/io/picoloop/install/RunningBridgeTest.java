package io.picoloop.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.micropython.ByteLink;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.Protocol;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.ScriptedDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The install's quick look at a running bridge: over the real firmware on a pty, and over scripted boards. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunningBridgeTest {

    private static final BridgeBundle BUNDLE = BridgeBundle.load();
    private static final String DIGEST = "7 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** The firmware (CPython, behind a pty) hashes bridge-firmware/, the bundle's own files: both digests agree. */
    @Test
    void theBridgesDigestOfItsFilesIsTheOneTheHostComputesFromTheBundle() throws IOException {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            RunningBridge.Answer answer = RunningBridge.ask(fw.port(), BUNDLE.version(), 10_000);
            assertNotNull(answer, "the bridge answered hello and files");
            assertEquals(BUNDLE.filesDigest(), answer.files());
            assertEquals(BUNDLE.names().size(), answer.files().count());
            assertTrue(answer.identity().all().containsKey("micropython"), String.valueOf(answer.identity().all()));
        }
    }

    @Test
    void aBridgeOfThisVersionIsAskedForItsFiles() {
        List<String> seen = new ArrayList<>();
        RunningBridge.Answer answer = RunningBridge.ask(board(seen, files -> List.of(files + " ok " + DIGEST)),
                Protocol.BRIDGE_FIRMWARE, 1000);
        assertNotNull(answer);
        assertEquals(new Commands.FilesDigest(7, DIGEST.substring(2)), answer.files());
        assertEquals(List.of("hello", "files"), seen);
    }

    @Test
    void aBridgeWithoutFilesIsLeftToTheRawRepl() {
        List<String> seen = new ArrayList<>();
        assertNull(RunningBridge.ask(board(seen, id -> List.of(id + " err unknown no command files (commands: hello ping)")),
                Protocol.BRIDGE_FIRMWARE, 1000));
        assertEquals(List.of("hello", "files"), seen);
    }

    @Test
    void anotherVersionIsNotAskedForItsFiles() {
        List<String> seen = new ArrayList<>();
        assertNull(RunningBridge.ask(board(seen, id -> List.of(id + " ok " + DIGEST)), "0.0.9", 1000));
        assertEquals(List.of("hello"), seen, "an update anyway");
    }

    @Test
    void theReplIsNotTheBridge() {
        Link repl = new Link(line -> List.of(line, "Traceback (most recent call last):", "SyntaxError: invalid syntax"));
        assertNull(RunningBridge.ask(repl, Protocol.BRIDGE_FIRMWARE, 1000));
    }

    /** A bridge of this picoloop's version whose answer to files is the script's; seen: the commands sent. */
    private static Link board(List<String> seen, Function<String, List<String>> files) {
        return new Link(line -> {
            String[] t = line.split(" ");
            seen.add(t[1]);
            return t[1].equals("hello")
                    ? List.of("! boot picoloop proto=1 fw=" + Protocol.BRIDGE_FIRMWARE, t[0] + " " + ScriptedDevice.HELLO_PICO)
                    : files.apply(t[0]);
        });
    }

    /** A board on the far end of a link: each non-empty line written gets the script's lines back. */
    private static final class Link implements ByteLink {
        private final Function<String, List<String>> script;
        private final LinkedBlockingQueue<byte[]> out = new LinkedBlockingQueue<>();
        private final StringBuilder line = new StringBuilder();

        Link(Function<String, List<String>> script) {
            this.script = script;
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMs) {
            try {
                byte[] b = out.poll(timeoutMs, TimeUnit.MILLISECONDS);
                if (b == null) {
                    return 0;
                }
                System.arraycopy(b, 0, buf, off, b.length);   // short lines: each fits
                return b.length;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public void write(byte[] data) {
            for (byte b : data) {
                if (b != '\n') {
                    line.append((char) b);
                } else if (!line.isEmpty()) {
                    for (String reply : script.apply(line.toString())) {
                        out.add((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    line.setLength(0);
                }
            }
        }

        @Override
        public String description() {
            return "scripted board";
        }

        @Override
        public void close() {
        }
    }
}
