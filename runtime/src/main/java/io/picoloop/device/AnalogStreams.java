package io.picoloop.device;

import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinEffect;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's sample streams, by input (at most one each, as on the board): where the
 * {@link EventRouter} sends {@code ! sample}, and what ends a stream the board stopped by itself:
 * {@code off} (the safe state), or another role for its pin ({@code mode}, {@code watch},
 * {@code pwm}), learnt from the {@code ok} replies as {@link PinRecord} learns them.
 */
final class AnalogStreams {

    private final Map<AdcInput, AnalogStream> streams = new ConcurrentHashMap<>();

    /** Adds a stream; false when the input already is streamed. */
    boolean add(AnalogStream s) {
        return streams.putIfAbsent(s.input(), s) == null;
    }

    /** Removes a stream; false when it was not (or no longer) there. */
    boolean remove(AnalogStream s) {
        return streams.remove(s.input(), s);
    }

    AnalogStream get(AdcInput input) {
        return streams.get(input);
    }

    List<AnalogStream> all() {
        return List.copyOf(streams.values());
    }

    boolean any() {
        return !streams.isEmpty();
    }

    /** Ends every stream with that reason. */
    void endAll(String reason) {
        endAll(reason, false);
    }

    /** Ends every stream with that reason; {@code byLinkLoss}: an await then throws {@link DeviceDisconnectedException}. */
    void endAll(String reason, boolean byLinkLoss) {
        for (AnalogStream s : all()) {
            if (streams.remove(s.input(), s)) {
                s.ended(reason, byLinkLoss);
            }
        }
    }

    /** An ok reply (reader thread): a stream the board stopped by itself ends, saying why. */
    void ok(Request request, Reply reply) {
        for (PinEffect effect : Commands.pinEffects(request, reply)) {
            switch (effect) {
                case PinEffect.AllLow a -> endAll("every output was switched off (off, the safe state),"
                        + " which stops the board's streams: stream again");
                case PinEffect.Output o -> pinTaken(o.pin(), "became an output");
                case PinEffect.Input in -> pinTaken(in.pin(), "became a digital input");
                case PinEffect.Pwm p -> pinTaken(p.pin(), "became a PWM output");
                default -> {
                    // the stream goes on
                }
            }
        }
    }

    private void pinTaken(PinId pin, String how) {
        if (pin.isLed()) {
            return;
        }
        AnalogStream s = streams.get(AdcInput.gpio(pin.gpio()));
        if (s != null) {
            end(s, pin + " " + how + ", which stops its stream on the board");
        }
    }

    private void end(AnalogStream s, String reason) {
        if (streams.remove(s.input(), s)) {
            s.ended(reason);
        }
    }
}
