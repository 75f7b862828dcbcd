package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import io.picoloop.protocol.PinId;

/**
 * A Pi4J {@link DigitalOutput} on a Pico GPIO, or on a Pico W's LED. Every state change is a
 * request to the board; the state Pi4J reports is the level the board confirmed, or
 * {@code UNKNOWN} after a request that was cut off (its task cancelled) before the answer.
 * {@code blink}/{@code pulse} come from {@link DigitalOutputBase} and drive the board through
 * {@link #state(DigitalState)}.
 *
 * <p>Thread-safe: Pi4J runs {@code blinkAsync}/{@code pulseAsync} on its own executor.
 */
final class PicoDigitalOutput extends DigitalOutputBase {

    private final PicoPort port;
    private final PinId pin;

    PicoDigitalOutput(PicoDigitalOutputProvider provider, DigitalOutputConfig config, PicoPort port, PinId pin) {
        super(provider, config);
        this.port = port;
        this.pin = pin;
    }

    /**
     * The provider has already made the pin an output at the configured {@code initial} state (in
     * one request, so the pin never shows another level first; LOW without an initial state).
     * {@link DigitalOutputBase#initialize} then sets the initial state again: the pin already has
     * it, so nothing is sent.
     */
    @Override
    public DigitalOutput initialize(Context context) throws InitializeException {
        return super.initialize(context);
    }

    /** The provider's {@code mode out} succeeded at this level. */
    synchronized void driven(int level) {
        this.state = level == 1 ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public DigitalOutput state(DigitalState newState) throws IOException {
        if (newState == null || newState == DigitalState.UNKNOWN) {
            throw new IOException("picoloop: " + id() + " can only be set HIGH or LOW, not " + newState);
        }
        DigitalStateChangeEvent<DigitalOutput> event = null;
        synchronized (this) {
            // like DigitalOutputBase: setting the state the pin already has is a no-op
            if (this.state == newState) {
                return this;
            }
            try {
                port.write(pin, newState == DigitalState.HIGH ? 1 : 0);
            } catch (PicoPort.Failure f) {
                throw PicoFailures.toPi4j(f, "set " + id() + " (" + pin + ") " + newState, port.description());
            } catch (RuntimeException e) {
                // e.g. the calling task cancelled while it awaited the reply: the request may
                // have reached the board, so the level is not known, and the next state() (a
                // finally's low()) must be sent rather than skipped as "already LOW"
                this.state = DigitalState.UNKNOWN;
                throw e;
            }
            this.state = newState;
            event = new DigitalStateChangeEvent<>(this, newState);
        }
        if (event != null && hasListenersOrBindings()) {
            dispatch(event);
        }
        return this;
    }

    /** One {@code toggle} request: the board flips the pin and reports the level it now drives. */
    @Override
    public DigitalOutput toggle() throws IOException {
        DigitalStateChangeEvent<DigitalOutput> event = null;
        synchronized (this) {
            int level;
            try {
                level = port.toggle(pin);
            } catch (PicoPort.Failure f) {
                throw PicoFailures.toPi4j(f, "toggle " + id() + " (" + pin + ")", port.description());
            } catch (RuntimeException e) {
                this.state = DigitalState.UNKNOWN;     // as in state(): it may have flipped
                throw e;
            }
            DigitalState s = level == 1 ? DigitalState.HIGH : DigitalState.LOW;
            if (this.state != s) {
                this.state = s;
                event = new DigitalStateChangeEvent<>(this, s);
            }
        }
        if (event != null && hasListenersOrBindings()) {
            dispatch(event);
        }
        return this;
    }

    @Override
    public synchronized DigitalState state() {
        return this.state;
    }

    /** Applies the configured {@code shutdown} state on the board, then frees the pin. */
    @Override
    public DigitalOutput shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            ((PicoDigitalOutputProvider) provider()).released(pin);
        }
    }

    PinId pin() {
        return pin;
    }
}
