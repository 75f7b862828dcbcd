package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.analog.AnalogInput;
import com.pi4j.io.gpio.analog.AnalogInputBase;
import com.pi4j.io.gpio.analog.AnalogInputConfig;
import com.pi4j.io.gpio.analog.AnalogValueChangeEvent;
import com.pi4j.io.gpio.analog.AnalogValueChangeListener;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Protocol;
import java.util.concurrent.Executor;

/**
 * A Pi4J {@link AnalogInput} on a Pico ADC input. {@link #value()} is Pi4J's raw integer reading:
 * here the board's 0 to {@value Protocol#ADC_VALUE_MAX} (MicroPython's {@code read_u16}), read
 * by one {@code adc} request per call (for volts, picoloop's own {@code AnalogReading}).
 *
 * <p>Listeners: while at least one is added, the board streams the input on its own clock every
 * {@value #DEFAULT_PERIOD_MS} ms (or the config property {@value #PERIOD_PROPERTY}, whole ms,
 * {@value Protocol#STREAM_PERIOD_MIN_MS} to {@value Protocol#STREAM_PERIOD_MAX_MS}), and a sample
 * whose value differs from the last one becomes an {@link AnalogValueChangeEvent}, delivered on
 * the provider's event thread, one at a time in the board's order. Removing the last listener
 * stops the stream. A stream the board ends (the link lost, its safe state after a keepalive
 * expiry) sends no more events; {@link #value()} then says why.
 */
final class PicoAnalogInput extends AnalogInputBase {

    /** Config property: the listeners' sample period in ms. */
    static final String PERIOD_PROPERTY = "period";
    /** The listeners' sample period without {@value #PERIOD_PROPERTY}: a knob turned by hand. */
    static final int DEFAULT_PERIOD_MS = 100;

    private final PicoPort port;
    private final AdcInput input;
    private final int periodMs;
    private final Executor events;
    private final java.util.Set<AnalogValueChangeListener> listeners = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private AutoCloseable stream;     // guarded by this: running while there are listeners
    private int last;                 // guarded by this: the value of the last reading or sample

    PicoAnalogInput(PicoAnalogInputProvider provider, AnalogInputConfig config, PicoPort port, AdcInput input,
                    int value, int periodMs, Executor events) {
        super(provider, config);
        this.port = port;
        this.input = input;
        this.last = value;
        this.periodMs = periodMs;
        this.events = events;
    }

    /** The config's {@value #PERIOD_PROPERTY}, checked, or {@value #DEFAULT_PERIOD_MS}. */
    static int periodMs(AnalogInputConfig config) {
        String p = config.properties().get(PERIOD_PROPERTY);
        if (p == null) {
            return DEFAULT_PERIOD_MS;
        }
        try {
            int ms = Integer.parseInt(p.trim());
            if (ms >= Protocol.STREAM_PERIOD_MIN_MS && ms <= Protocol.STREAM_PERIOD_MAX_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new PicoConfigException("picoloop: " + PERIOD_PROPERTY + " of " + config.id() + " must be whole ms, "
                + Protocol.STREAM_PERIOD_MIN_MS + " to " + Protocol.STREAM_PERIOD_MAX_MS + ": " + p);
    }

    /** One {@code adc} request: the board's reading, 0 to {@value Protocol#ADC_VALUE_MAX}. */
    @Override
    public Integer value() {
        int v;
        try {
            v = port.readAnalog(input);
        } catch (PicoPort.Failure f) {
            throw PicoFailures.toPi4j(f, "read " + id() + " (" + input + ")", port.description());
        }
        synchronized (this) {
            last = v;
        }
        return v;
    }

    int periodMs() {
        return periodMs;
    }

    @Override
    public synchronized AnalogInput addListener(AnalogValueChangeListener... added) {
        super.addListener(added);
        listeners.addAll(java.util.List.of(added));
        if (stream == null && !listeners.isEmpty()) {
            try {
                stream = port.streamAnalog(input, periodMs, events, this::sampled);
            } catch (PicoPort.Failure f) {
                throw PicoFailures.toPi4j(f, "stream " + id() + " (" + input + ")", port.description());
            }
        }
        return this;
    }

    /** Pi4J 4.0.2's base adds the listeners it is given to remove; this removes them. */
    @Override
    public synchronized AnalogInput removeListener(AnalogValueChangeListener... removed) {
        valueChangeEventManager.remove(removed);
        listeners.removeAll(java.util.List.of(removed));
        if (listeners.isEmpty()) {
            stopStream();
        }
        return this;
    }

    private void sampled(int value) {
        AnalogValueChangeEvent<AnalogInput> event;
        synchronized (this) {
            if (value == last) {
                return;
            }
            event = new AnalogValueChangeEvent<>(this, value, last);
            last = value;
        }
        dispatch(event);
    }

    private synchronized void stopStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (Exception e) {
                // a stream that cannot stop has a link that is gone: nothing is streamed then
            }
            stream = null;
        }
    }

    @Override
    public AnalogInput shutdownInternal(Context context) throws ShutdownException {
        try {
            stopStream();
            return super.shutdownInternal(context);
        } finally {
            ((PicoAnalogInputProvider) provider()).released(input);
        }
    }
}
