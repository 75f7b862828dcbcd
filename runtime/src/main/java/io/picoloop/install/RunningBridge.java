package io.picoloop.install;

import io.picoloop.device.BridgeIdentity;
import io.picoloop.micropython.ByteLink;
import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.DeviceLine;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks the bridge that runs on a port, without stopping it, who it is ({@code hello}) and what its
 * files on the flash are ({@code files}, firmware 0.6.0): the quick look of an install on a board
 * that may already be current. A plain line exchange over the port rather than a device client,
 * whose handshake waits up to 10 s for a board that says nothing (a booting bridge); here anything
 * that is not at once the bridge just means "look with the raw REPL".
 */
final class RunningBridge {

    /** How long a running bridge has to answer hello (it answers in milliseconds, on the emulator too). */
    static final int HELLO_MS = 1000;
    /** What is not the bridge (the REPL's echo, a program's output) is given up on this soon after its first line. */
    static final int NOT_THE_BRIDGE_MS = 250;

    /** The bridge's handshake and the digest of its files. */
    record Answer(BridgeIdentity identity, Commands.FilesDigest files) {
    }

    private final ByteLink link;
    private final byte[] buf = new byte[512];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int nextId = ThreadLocalRandom.current().nextInt(1000, 60000);   // not an id an earlier session's stale reply has

    private RunningBridge(ByteLink link) {
        this.link = link;
    }

    /**
     * The bridge's answer on {@code port} when it runs firmware {@code version}, else null: another
     * version (an update anyway), a bridge without {@code files} ({@code err unknown}), no bridge.
     *
     * @param filesMs how long hashing the files may take
     * @throws io.picoloop.transport.PortException when the port cannot be opened
     */
    static Answer ask(String port, String version, int filesMs) {
        try (ByteLink link = ByteLink.serial(port)) {
            return ask(link, version, filesMs);
        }
    }

    /** {@link #ask(String, String, int)} over a link that is open. */
    static Answer ask(ByteLink link, String version, int filesMs) {
        String port = link.description();
        try {
            RunningBridge bridge = new RunningBridge(link);
            Reply hello = bridge.call(Commands.hello(), HELLO_MS);
            if (hello == null || !hello.ok()) {
                return null;
            }
            BridgeIdentity identity = BridgeIdentity.fromHello(hello, port);
            if (!identity.firmwareVersion().equals(version)) {
                return null;
            }
            Reply files = bridge.call(Commands.files(), filesMs);
            return files == null || !files.ok() ? null : new Answer(identity, Commands.filesDigest(files));
        } catch (IOException | ProtocolException e) {
            return null;        // not the bridge, or not this one: the raw REPL finds out what it is
        }
    }

    /** Sends the request and returns its reply, or null when none came in time. */
    private Reply call(Command command, int timeoutMs) throws IOException {
        int id = nextId++;
        String text = "\n" + Request.of(id, command.command(), command.args()).encode() + "\n";  // the \n first ends a partial line
        link.write(text.getBytes(StandardCharsets.US_ASCII));
        long now = System.nanoTime();
        long deadline = now + timeoutMs * 1_000_000L;
        while (deadline - now > 0) {
            int n = link.read(buf, 0, buf.length, (int) Math.max(1, (deadline - now) / 1_000_000L));
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    line.write(buf[i]);
                    continue;
                }
                byte[] raw = line.toByteArray();
                line.reset();
                try {
                    DeviceLine d = LineCodec.decodeDeviceLine(raw);
                    if (d instanceof Reply r && r.id() == id) {
                        return r;
                    }
                } catch (ProtocolException e) {
                    // not a line of the bridge's (or an earlier session's cut in half): give a reply a moment
                    deadline = Math.min(deadline, System.nanoTime() + NOT_THE_BRIDGE_MS * 1_000_000L);
                }
            }
            now = System.nanoTime();
        }
        return null;
    }
}
