package io.picoloop.device;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.DeviceLine;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.transport.LineListener;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What the device sends, on the transport's reader thread: each line decoded, replies to the
 * {@link RequestPipeline}, events to the {@link EventRouter}; garbage (a REPL echoing the request
 * is named as such) fails the requests in flight; the link closing goes to {@code closed}.
 */
final class IncomingLines implements LineListener {

    private final RequestPipeline requests;
    private final EventRouter events;
    private final Consumer<Throwable> closed;

    IncomingLines(RequestPipeline requests, EventRouter events, Consumer<Throwable> closed) {
        this.requests = requests;
        this.events = events;
        this.closed = closed;
    }

    @Override
    public void onLine(byte[] line) {
        if (isBlank(line)) {
            requests.heard();
            return;
        }
        DeviceLine decoded;
        try {
            decoded = LineCodec.decodeDeviceLine(line);
            requests.heard(!(decoded instanceof DeviceEvent e && e.kind().equals(DeviceEvent.BOOT)));
        } catch (ProtocolException e) {
            requests.heard();
            ProtocolException echo = explainEcho(line);
            requests.garbage(echo != null ? echo : e, echo != null);
            return;
        }
        switch (decoded) {
            case Reply r -> requests.reply(r);
            case DeviceEvent e -> events.event(e);
        }
    }

    @Override
    public void onGarbage(String description) {
        requests.heard();
        requests.garbage(new ProtocolException("the device sent " + description), false);
    }

    @Override
    public void onClosed(Throwable cause) {
        closed.accept(cause);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A REPL echoes what it gets: "1 hello" coming back is the REPL, say so; null if it is not an echo. */
    private ProtocolException explainEcho(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1).strip();
        if (requests.isInFlight(text)) {
            return new ProtocolException("the device echoed the request \"" + text + "\": " + LineCodec.REPL_HINT);
        }
        return null;
    }
}
