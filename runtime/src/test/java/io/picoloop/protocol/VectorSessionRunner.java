package io.picoloop.protocol;

import io.picoloop.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Plays one vector session over a started transport: sends each {@code >} line, checks each
 * {@code <} line, and after the session checks that nothing more came (a last ping must be the
 * next answer).
 */
public final class VectorSessionRunner {

    private VectorSessionRunner() {
    }

    /**
     * @param raw        sends bytes exactly as given (no newline added). A session with {@code >>}
     *                   steps sends everything through it, so nothing overtakes what the transport
     *                   still has queued
     * @param pinCheck   called for {@code $ pin level} steps, after the reply before them arrived
     * @param inputDrive called for {@code ~ pin level} steps: set what the input pin reads
     */
    public static void run(ProtocolVectors.Session session, Transport transport, Consumer<byte[]> raw,
                           LineCollector in, BiConsumer<String, Integer> pinCheck,
                           BiConsumer<String, Integer> inputDrive) throws InterruptedException {
        Objects.requireNonNull(raw, "raw");
        Consumer<byte[]> sendLine = transport::sendBytes;
        if (session.sendsRaw()) {
            sendLine = line -> {
                byte[] data = Arrays.copyOf(line, line.length + 1);
                data[line.length] = '\n';
                raw.accept(data);
            };
        }
        String last = "(session start)";
        for (ProtocolVectors.Step step : session.steps()) {
            switch (step) {
                case ProtocolVectors.Send s -> {
                    sendLine.accept(s.line());
                    last = "> " + s.source();
                }
                case ProtocolVectors.SendRaw r -> {
                    raw.accept(r.bytes());
                    last = ">> " + r.source();
                }
                case ProtocolVectors.Expect e -> {
                    String line = in.next();
                    if (line.endsWith("\r")) {
                        line = line.substring(0, line.length() - 1);
                    }
                    if (!e.matches(line)) {
                        throw new AssertionError(session + ": after \"" + last + "\" expected \"< "
                                + e.pattern() + "\" but the device sent \"" + LineCodec.describe(line) + "\"");
                    }
                }
                case ProtocolVectors.ExpectNothing n -> { }
                case ProtocolVectors.PinLevel p -> pinCheck.accept(p.pin(), p.level());
                case ProtocolVectors.SetInput i -> {
                    inputDrive.accept(i.pin(), i.level());
                    last = "~ " + i.pin() + " " + i.level();
                }
            }
        }
        sendLine.accept("65432 ping".getBytes(StandardCharsets.US_ASCII));
        String line = in.next();
        if (!line.startsWith("65432 ok ")) {
            throw new AssertionError(session + ": the device sent more than the session expects: \""
                    + LineCodec.describe(line) + "\"");
        }
    }
}
