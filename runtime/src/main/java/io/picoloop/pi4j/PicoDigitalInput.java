package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOReadException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;

/**
 * A Pi4J {@link DigitalInput} on a Pico GPIO: the provider set the pin's pull; {@link #state()}
 * reads the pin on the board.
 *
 * <p><b>Pending issue 4 (buttons):</b> protocol v1 has no edge events or device debounce yet, so
 * this input cannot send {@code DigitalStateChangeEvent}s: {@link #addListener} refuses with a
 * message rather than register a listener that would never be called, and the configured debounce
 * ({@link #debounceMicros()}) is kept for the device command issue 4 adds.
 */
final class PicoDigitalInput extends DigitalInputBase {

    private final PicoPort port;
    private final int gpio;

    PicoDigitalInput(PicoDigitalInputProvider provider, DigitalInputConfig config, PicoPort port, int gpio) {
        super(provider, config);
        this.port = port;
        this.gpio = gpio;
    }

    /**
     * The level on the pin now, read from the board.
     *
     * @throws PicoLinkException when the board does not answer
     */
    @Override
    public DigitalState state() {
        int level;
        try {
            level = port.read(gpio);
        } catch (PicoPort.Failure f) {
            var e = PicoFailures.toPi4j(f, "read " + id() + " (GP" + gpio + ")", port.description());
            if (e instanceof PicoLinkException) {
                throw e;
            }
            throw (IOReadException) new IOReadException(e.getMessage()).initCause(f);
        }
        return level == 1 ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** The debounce Pi4J configured, in microseconds (Pi4J's unit), as the device will apply it. */
    long debounceMicros() {
        Long d = config().debounce();
        return d == null ? DigitalInput.DEFAULT_DEBOUNCE : d;
    }

    /** Refused until the board sends edge events (issue 4). */
    @Override
    public DigitalInput addListener(DigitalStateChangeListener... listener) {
        throw new UnsupportedOperationException("picoloop: state-change events from a Pico input (" + id()
                + ", GP" + gpio + ") need the board's edge events, which protocol v1 does not send yet"
                + " (picoloop issue 4, buttons); read state() for now");
    }

    @Override
    public DigitalInput shutdownInternal(Context context) throws ShutdownException {
        try {
            return super.shutdownInternal(context);
        } finally {
            ((PicoDigitalInputProvider) provider()).released(gpio);
        }
    }

    int gpio() {
        return gpio;
    }
}
