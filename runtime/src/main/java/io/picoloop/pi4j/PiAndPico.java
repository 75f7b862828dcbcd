package io.picoloop.pi4j;

import com.pi4j.context.Context;

/**
 * Two Pi4J contexts in one program: {@link #pi()} with the Pi's own GPIO providers and
 * {@link #pico()} with picoloop's. Listeners may freely use I/O of the other context, e.g. a Pi
 * button toggling a Pico LED. {@link #close()} shuts both down: the Pi first, so no Pi event
 * reaches a Pico output that is already shut down, then the Pico (its outputs take their
 * {@code shutdown} states, then the link closes).
 */
public final class PiAndPico implements AutoCloseable {

    private final Context pi;
    private final Context pico;

    public PiAndPico(Context pi, Context pico) {
        this.pi = pi;
        this.pico = pico;
    }

    /** The Pi's own GPIO (Pi4J's native providers). */
    public Context pi() {
        return pi;
    }

    /** The Pico's GPIO (providers {@value PicoloopPi4J#DIGITAL_OUTPUT}, {@value PicoloopPi4J#DIGITAL_INPUT}). */
    public Context pico() {
        return pico;
    }

    @Override
    public void close() {
        try {
            if (!pi.isShutdown()) {
                pi.shutdown();
            }
        } finally {
            if (!pico.isShutdown()) {
                pico.shutdown();
            }
        }
    }
}
