package io.picoloop.device;

import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A pin set up as a PWM output by {@link Pico#pwm} (firmware 0.5.0): an LED's brightness, a
 * buzzer's tone, a motor's speed. The plain methods wait for the device's reply (inside a picoloop
 * task they park the task, not the loop); the {@code ...Async} ones return at once with a future,
 * as {@link OutputPin}'s do.
 *
 * <p>The duty is a fraction, 0 (always low) to 1 (always high), or MicroPython's
 * {@code duty_u16}, 0 to 65535 ({@link #dutyU16(int)}). Both pins of a PWM slice run at one
 * frequency ({@link io.picoloop.board.PwmOutput}): asking another one on the same slice is refused
 * by the bridge, naming the other pin. A fade and a tone run on the board's own clock, so they
 * are smooth and exact whatever the link does; the call returns when the board has started them.
 *
 * <p>{@link #off()} makes the pin a plain output driven low; a later duty starts PWM again. The
 * safe state ({@link Pico#allOff()}, {@link Pico#close()}, the keepalive's expiry) does the same,
 * and this handle learns it: its duty reads 0 after.
 */
public final class PwmPin {

    /** The frequency {@link Pico#pwm(int)} starts with: flicker-free for an LED, above most motors' whine. */
    public static final int DEFAULT_FREQUENCY_HZ = 1000;

    private final Pico pico;
    private final PinId pin;
    /** What was last asked of the board (sent, in order): each request carries both. Guarded by this. */
    private int frequencyHz;
    private int duty;

    PwmPin(Pico pico, PinId pin) {
        this.pico = pico;
        this.pin = pin;
    }

    /** Starts (or restarts) PWM at {@code hz}, duty 0, for {@link Pico#pwm}. */
    CompletableFuture<Void> startAsync(int hz) {
        synchronized (this) {
            this.frequencyHz = hz;
            this.duty = 0;
            return send(Commands.pwm(pin, hz, 0));
        }
    }

    public PinId pin() {
        return pin;
    }

    /** The frequency last set, in Hz. */
    public synchronized int frequencyHz() {
        return frequencyHz;
    }

    /** The duty last set (0 to 65535); 0 after {@link #off()} or the safe state; a fade's end, a tone's 0. */
    public synchronized int dutyU16() {
        return duty;
    }

    /** {@link #dutyU16()} as a fraction, 0 to 1. */
    public double duty() {
        return dutyU16() / (double) Protocol.PWM_DUTY_MAX;
    }

    /** Sets the duty, 0.0 (always low) to 1.0 (always high), at the frequency last set. */
    public void duty(double fraction) {
        pico.await(dutyAsync(fraction));
    }

    /** Sets the duty as MicroPython's {@code duty_u16}: 0 (always low) to 65535 (always high). */
    public void dutyU16(int duty) {
        pico.await(dutyU16Async(duty));
    }

    /** Sets the frequency, 10 to 1000000 Hz, keeping the duty. */
    public void frequency(int hz) {
        pico.await(frequencyAsync(hz));
    }

    /** PWM ends: the pin becomes an output driven low ({@code pwm <pin> off}). */
    public void off() {
        pico.await(offAsync());
    }

    /**
     * Moves the duty from {@code from} to {@code to} (fractions, 0 to 1) on a straight line over
     * {@code time} (1 ms to 10 min, whole ms), run by the board (a step every 10 ms on its clock);
     * returns once it started. The duty then stays at {@code to}.
     */
    public void fade(double from, double to, Duration time) {
        pico.await(fadeAsync(from, to, time));
    }

    /**
     * A square wave (duty one half) at {@code hz} for {@code time} (1 ms to 10 min, whole ms), timed
     * by the board; returns once it started. Then the duty is 0 and the frequency stays {@code hz}.
     */
    public void tone(int hz, Duration time) {
        pico.await(toneAsync(hz, time));
    }

    public CompletableFuture<Void> dutyAsync(double fraction) {
        return dutyU16Async(AnalogRules.duty(fraction));
    }

    public CompletableFuture<Void> dutyU16Async(int duty) {
        AnalogRules.dutyU16(duty);
        synchronized (this) {
            this.duty = duty;
            return send(Commands.pwm(pin, frequencyHz, duty));
        }
    }

    public CompletableFuture<Void> frequencyAsync(int hz) {
        AnalogRules.frequency(hz);
        synchronized (this) {
            this.frequencyHz = hz;
            return send(Commands.pwm(pin, hz, duty));
        }
    }

    public CompletableFuture<Void> offAsync() {
        synchronized (this) {
            this.duty = 0;
            return send(Commands.pwmOff(pin));
        }
    }

    public CompletableFuture<Void> fadeAsync(double from, double to, Duration time) {
        int a = AnalogRules.duty(from);
        int b = AnalogRules.duty(to);
        long ms = AnalogRules.runMs(time, "a fade");
        synchronized (this) {
            this.duty = b;
            return send(Commands.fade(pin, a, b, ms));
        }
    }

    public CompletableFuture<Void> toneAsync(int hz, Duration time) {
        AnalogRules.frequency(hz);
        long ms = AnalogRules.runMs(time, "a tone");
        synchronized (this) {
            this.frequencyHz = hz;
            this.duty = 0;
            return send(Commands.tone(pin, hz, ms));
        }
    }

    /** Sent under the lock, so requests go out in the order their state was set. */
    private CompletableFuture<Void> send(Command c) {
        return pico.send(c).thenApply(r -> null);
    }

    /** The board drove the pin low (the safe state, or another role for the pin): its duty is 0. */
    synchronized void wentLow() {
        duty = 0;
    }

    @Override
    public String toString() {
        return "PWM output " + pin + " on " + pico.description();
    }
}
