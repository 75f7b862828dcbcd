package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import io.picoloop.device.Pull;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.util.concurrent.Executor;

/**
 * A Pi4J {@link DigitalInput} on a Pico GPIO the board watches ({@code watch <pin> <pull> <ms>}):
 * the board debounces the pin and reports its edges, and each change becomes a
 * {@link DigitalStateChangeEvent} for the listeners.
 *
 * <p>Listeners run on the provider's event thread (one per Pico context, like Pi4J's own GPIO
 * providers call listeners on a thread of theirs), one event at a time, in the order the board
 * sent them; they may use the Pico, e.g. toggle a Pico output. {@link #state()} is the level of
 * the last event (before any event, the level the board reported when the watch started), so a
 * listener reading it sees its own event's state; it sends no request.
 *
 * <p>Debounce: Pi4J configures microseconds (default 10 000); the board takes whole milliseconds,
 * 0 to 1000. The value is rounded up to the next millisecond (never shorter than asked: 1 µs is
 * 1 ms, 3000 µs is 3 ms); more than 1 s is refused at {@code create} with a
 * {@link PicoConfigException}. See {@link #debounceMillis(Long, String)}.
 */
final class PicoDigitalInput extends DigitalInputBase {

    private final PicoPort port;
    private final PinId pin;
    private final Executor events;
    private PicoPort.Watch watch;          // set once by start, before the instance is registered
    private volatile DigitalState state;
    private final java.util.concurrent.atomic.AtomicInteger listenersAdded = new java.util.concurrent.atomic.AtomicInteger();
    private boolean sawEvent;              // guarded by this: an event came before start's level

    PicoDigitalInput(PicoDigitalInputProvider provider, DigitalInputConfig config, PicoPort port, PinId pin,
                     Executor events) {
        super(provider, config);
        this.port = port;
        this.pin = pin;
        this.events = events;
    }

    /**
     * The board's debounce for Pi4J's {@code debounce} (microseconds; null is Pi4J's default):
     * rounded up to whole milliseconds.
     *
     * @throws PicoConfigException for a negative value or more than 1 s
     */
    static int debounceMillis(Long micros, String ioId) {
        long us = micros == null ? DigitalInput.DEFAULT_DEBOUNCE : micros;
        long maxUs = Protocol.DEBOUNCE_MAX_MS * 1000L;
        if (us < 0 || us > maxUs) {
            throw new PicoConfigException("picoloop: debounce " + us + " µs for " + ioId
                    + " is out of range: the Pico debounces 0 to " + maxUs + " µs (" + Protocol.DEBOUNCE_MAX_MS
                    + " ms), in whole milliseconds (rounded up)");
        }
        return (int) ((us + 999) / 1000);
    }

    /** Starts the board's watch of the pin with the config's pull and debounce. */
    void start(Pull pull) {
        PicoPort.Watch w = port.watch(pin, pull, debounceMillis(config().debounce(), id()), this::deviceLevel);
        synchronized (this) {
            watch = w;
            if (!sawEvent) {
                state = w.initialLevel() == 1 ? DigitalState.HIGH : DigitalState.LOW;
            }
        }
    }

    /** From the port's thread: hand the edge to the event thread, keeping the board's order. */
    private void deviceLevel(int level) {
        DigitalState s = level == 1 ? DigitalState.HIGH : DigitalState.LOW;
        events.execute(() -> {
            synchronized (this) {
                sawEvent = true;
                if (state == s) {
                    return; // e.g. the true level after lost events, equal to the last one
                }
                state = s;
            }
            dispatch(new DigitalStateChangeEvent<>(this, s));
        });
    }

    /**
     * The level of the last state-change event: the board's debounced level.
     *
     * @throws PicoLinkException when the link to the board is gone
     */
    @Override
    public DigitalState state() {
        if (!port.isOpen()) {
            throw PicoFailures.toPi4j(new PicoPort.Failure(PicoPort.Failure.Kind.LINK, "the link is closed"),
                    "read " + id() + " (" + pin + ")", port.description());
        }
        return state;
    }

    @Override
    public DigitalInput addListener(DigitalStateChangeListener... listener) {
        super.addListener(listener);
        listenersAdded.addAndGet(listener.length);
        return this;
    }

    /** How many listeners were ever added (tests wait on it to press once a program listens). */
    int listenersAdded() {
        return listenersAdded.get();
    }

    /** The debounce Pi4J configured, in microseconds (Pi4J's unit). */
    long debounceMicros() {
        Long d = config().debounce();
        return d == null ? DigitalInput.DEFAULT_DEBOUNCE : d;
    }

    @Override
    public DigitalInput shutdownInternal(Context context) throws ShutdownException {
        try {
            PicoPort.Watch w;
            synchronized (this) {
                w = watch;
            }
            if (w != null) {
                w.close(); // unwatch; the pin stays an input
            }
            return super.shutdownInternal(context);
        } finally {
            ((PicoDigitalInputProvider) provider()).released(pin);
        }
    }

    PinId pin() {
        return pin;
    }
}
