package io.picoloop.device;

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
        List<String> a = request.args();
        switch (request.command()) {
            case "mode" -> {
                PinId pin = pin(a, 0);
                if (pin == null || a.size() < 2) {
                    return;
                }
                if (a.get(1).equals("out")) {
                    inputs.remove(pin);
                    outputs.put(pin, a.size() > 2 && a.get(2).equals("1"));
                } else {
                    outputs.remove(pin);
                    inputs.put(pin, pull(a.size() > 2 ? a.get(2) : "none"));
                }
            }
            case "write" -> {
                // one pair, or several set in one instant (firmware 0.4.0): the ok covers every pair
                for (int i = 0; i + 1 < a.size(); i += 2) {
                    PinId pin = pin(a, i);
                    if (pin != null && outputs.containsKey(pin)) {
                        outputs.put(pin, a.get(i + 1).equals("1"));
                    }
                }
            }
            case "toggle" -> {
                PinId pin = pin(a, 0);
                if (pin != null && outputs.containsKey(pin) && !reply.values().isEmpty()) {
                    outputs.put(pin, reply.longValue(0) == 1);
                }
            }
            case "watch" -> {
                PinId pin = pin(a, 0);
                if (pin != null) {
                    outputs.remove(pin);
                    inputs.put(pin, pull(a.size() > 1 ? a.get(1) : "up"));
                }
            }
            case "off" -> outputs.replaceAll((pin, level) -> false);
            default -> {
                // ping, read, unwatch (the pin stays an input), keepalive, hello: no pin changes
            }
        }
    }

    /** The {@code mode} requests that set the board up as recorded: inputs first, then outputs at their levels. */
    synchronized List<String[]> restoreRequests() {
        List<String[]> out = new ArrayList<>();
        inputs.forEach((pin, pull) -> out.add(new String[]{pin.token(), "in", pull.token()}));
        outputs.forEach((pin, level) -> out.add(new String[]{pin.token(), "out", level ? "1" : "0"}));
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

    private static PinId pin(List<String> args, int i) {
        return args.size() > i ? PinId.parse(args.get(i)).orElse(null) : null;
    }

    private static Pull pull(String token) {
        for (Pull p : Pull.values()) {
            if (p.token().equals(token)) {
                return p;
            }
        }
        return Pull.NONE;
    }
}
