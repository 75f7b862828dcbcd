package io.picoloop.device;

import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinEffect;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's {@link PwmPin} handles, by pin, told when the board drove their pin low by itself:
 * the safe state ({@code off}, learnt from its {@code ok}; the keepalive's expiry or a restart),
 * or another role for the pin ({@code mode}, {@code watch}, {@code adc}), so their duty reads 0.
 */
final class PwmPins {

    private final Map<PinId, PwmPin> pins = new ConcurrentHashMap<>();

    /** The handle of {@code pin}, one per pin: the one made before, or a new one. */
    PwmPin of(PinId pin, java.util.function.Function<PinId, PwmPin> make) {
        return pins.computeIfAbsent(pin, make);
    }

    /** Every PWM output went low (the safe state). */
    void allLow() {
        pins.values().forEach(PwmPin::wentLow);
    }

    /** An ok reply (reader thread). */
    void ok(Request request, Reply reply) {
        for (PinEffect effect : Commands.pinEffects(request, reply)) {
            switch (effect) {
                case PinEffect.AllLow a -> allLow();
                case PinEffect.Output o -> low(o.pin());
                case PinEffect.Input in -> low(in.pin());
                case PinEffect.Analog an -> low(an.pin());
                default -> {
                    // PWM goes on
                }
            }
        }
    }

    private void low(PinId pin) {
        PwmPin p = pins.get(pin);
        if (p != null) {
            p.wentLow();
        }
    }
}
