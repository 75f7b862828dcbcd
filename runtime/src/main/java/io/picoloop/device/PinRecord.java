package io.picoloop.device;

import io.picoloop.protocol.AdcInput;
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
 * input with its pull), each output's level, each PWM output's frequency and duty and each
 * stream's period, learnt from the {@code ok} replies ({@link Commands#pinEffects}). After the board comes
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

    /** A PWM output's frequency and duty (a fade's end, a tone's 0). */
    private record Pwm(int frequencyHz, int duty) {
    }

    /** PWM outputs, in the order they were set up. */
    private final Map<PinId, Pwm> pwms = new LinkedHashMap<>();
    /** Streamed analog inputs with their period in ms. */
    private final Map<AdcInput, Long> streams = new LinkedHashMap<>();

    /** An ok reply to {@code request} (reader thread). Commands that change no pin are ignored. */
    synchronized void ok(Request request, Reply reply) {
        for (PinEffect effect : Commands.pinEffects(request, reply)) {
            switch (effect) {
                case PinEffect.Output o -> {
                    forget(o.pin());
                    outputs.put(o.pin(), o.high());
                }
                case PinEffect.Input in -> {
                    forget(in.pin());
                    inputs.put(in.pin(), Pull.of(in.pull()));
                }
                case PinEffect.Level l -> {
                    if (outputs.containsKey(l.pin())) {
                        outputs.put(l.pin(), l.high());
                    }
                }
                case PinEffect.Pwm p -> {
                    forget(p.pin());
                    pwms.put(p.pin(), new Pwm(p.frequencyHz(), p.duty()));
                }
                case PinEffect.Duty d -> pwms.computeIfPresent(d.pin(), (pin, was) -> new Pwm(was.frequencyHz(), d.duty()));
                case PinEffect.Analog an -> forget(an.pin());
                case PinEffect.Stream st -> {
                    if (!st.input().isTemperature()) {
                        forget(PinId.gpio(st.input().gpio()));
                    }
                    streams.put(st.input(), st.periodMs());
                }
                case PinEffect.StreamStopped st -> streams.remove(st.input());
                case PinEffect.AllLow a -> {
                    // PWM outputs become plain outputs driven low; streams stop
                    outputs.replaceAll((pin, level) -> false);
                    pwms.keySet().forEach(pin -> outputs.put(pin, false));
                    pwms.clear();
                    streams.clear();
                }
            }
        }
    }

    /** A pin that takes another role is no longer what it was: output, input, PWM output, or streamed. */
    private void forget(PinId pin) {
        outputs.remove(pin);
        inputs.remove(pin);
        pwms.remove(pin);
        if (!pin.isLed()) {
            streams.remove(AdcInput.gpio(pin.gpio()));
        }
    }

    /**
     * The requests that set the board up as recorded: inputs first, then outputs at their levels,
     * PWM outputs at their frequency and duty, and the streams.
     */
    synchronized List<Command> restoreRequests() {
        List<Command> out = new ArrayList<>();
        inputs.forEach((pin, pull) -> out.add(Commands.modeIn(pin, pull.token())));
        outputs.forEach((pin, level) -> out.add(Commands.modeOut(pin, level)));
        pwms.forEach((pin, p) -> out.add(Commands.pwm(pin, p.frequencyHz(), p.duty())));
        streams.forEach((input, ms) -> out.add(Commands.stream(input, ms)));
        return out;
    }

    /** The outputs as recorded, for messages: {@code "GP16 high, LED low, GP19 PWM 1000 Hz 16384"}; empty when there are none. */
    synchronized String outputs() {
        List<String> parts = new ArrayList<>();
        outputs.forEach((pin, level) -> parts.add(pin + (level ? " high" : " low")));
        pwms.forEach((pin, p) -> parts.add(pin + " PWM " + p.frequencyHz() + " Hz duty " + p.duty()));
        return String.join(", ", parts);
    }

    /** How many analog inputs the board streams, as recorded. */
    synchronized int streamCount() {
        return streams.size();
    }

    /** The level the board last confirmed for output {@code pin}; null when it is not an output. */
    synchronized Boolean level(PinId pin) {
        return outputs.get(pin);
    }
}
