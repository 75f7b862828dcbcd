package io.picoloop.device;

import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinEffect;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the program has set on the board, as the board confirmed it: each pin's mode (output or
 * input with its pull) and each output's level, learnt from the {@code ok} replies of
 * {@code mode}, {@code write}, {@code toggle}, {@code watch} and {@code off}. After the board comes
 * back from a replug or a restart, {@link #restoreRequests()} sets it up again as it was. Only
 * confirmed changes are here: a request the board never answered is sent again after the restore,
 * so its effect happens once. Watches themselves are the {@link EventRouter}'s (with their pull
 * and debounce); here a watched pin is an input.
 */
final class PinRecord {

    /** Outputs, in the order they were set up, with the level the board last confirmed. */
    private final Map<PinId, Boolean> outputs = new LinkedHashMap<>();
    /** Inputs (plain or watched) with their pull. */
    private final Map<PinId, Pull> inputs = new LinkedHashMap<>();

    /** An ok reply to {@code request} (reader thread). Commands that change no pin are ignored. */
    synchronized void ok(Request request, Reply reply) {
        for (PinEffect effect : Commands.pinEffects(request, reply)) {
            switch (effect) {
                case PinEffect.Output o -> {
                    inputs.remove(o.pin());
                    outputs.put(o.pin(), o.high());
                }
                case PinEffect.Input in -> {
                    outputs.remove(in.pin());
                    inputs.put(in.pin(), Pull.of(in.pull()));
                }
                case PinEffect.Level l -> {
                    if (outputs.containsKey(l.pin())) {
                        outputs.put(l.pin(), l.high());
                    }
                }
                case PinEffect.AllLow a -> outputs.replaceAll((pin, level) -> false);
            }
        }
    }

    /** The {@code mode} requests that set the board up as recorded: inputs first, then outputs at their levels. */
    synchronized List<Command> restoreRequests() {
        List<Command> out = new ArrayList<>();
        inputs.forEach((pin, pull) -> out.add(Commands.modeIn(pin, pull.token())));
        outputs.forEach((pin, level) -> out.add(Commands.modeOut(pin, level)));
        return out;
    }

    /** The outputs as recorded, for messages: {@code "GP16 high, LED low"}; empty when there are none. */
    synchronized String outputs() {
        List<String> parts = new ArrayList<>();
        outputs.forEach((pin, level) -> parts.add(pin + (level ? " high" : " low")));
        return String.join(", ", parts);
    }

    /** The level the board last confirmed for output {@code pin}; null when it is not an output. */
    synchronized Boolean level(PinId pin) {
        return outputs.get(pin);
    }
}
