package io.picoloop.protocol;

import io.picoloop.transport.Transport;
import java.util.function.BiConsumer;

/**
 * Plays one vector session over a started transport: sends each {@code >} line, checks each
 * {@code <} line, and after the session checks that nothing more came (a last ping must be the
 * next answer).
 */
public final class VectorSessionRunner {

    private VectorSessionRunner() {
    }

    /**
     * For devices whose input pins the test cannot set: a {@code ~ pin level} step fails.
     *
     * @param pinCheck called for {@code $ pin level} steps, after the reply before them arrived
     */
    public static void run(ProtocolVectors.Session session, Transport transport, LineCollector in,
                           BiConsumer<String, Integer> pinCheck) throws InterruptedException {
        run(session, transport, in, pinCheck, (pin, level) -> {
            throw new AssertionError(session + ": this runner cannot set input pins (~ " + pin + " " + level + ")");
        });
    }

    /**
     * @param pinCheck   called for {@code $ pin level} steps, after the reply before them arrived
     * @param inputDrive called for {@code ~ pin level} steps: set what the input pin reads
     */
    public static void run(ProtocolVectors.Session session, Transport transport, LineCollector in,
                           BiConsumer<String, Integer> pinCheck, BiConsumer<String, Integer> inputDrive)
            throws InterruptedException {
        String last = "(session start)";
        for (ProtocolVectors.Step step : session.steps()) {
            switch (step) {
                case ProtocolVectors.Send s -> {
                    transport.sendBytes(s.line());
                    last = "> " + s.source();
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
        transport.send("65432 ping");
        String line = in.next();
        if (!line.startsWith("65432 ok ")) {
            throw new AssertionError(session + ": the device sent more than the session expects: \""
                    + LineCodec.describe(line) + "\"");
        }
    }
}
