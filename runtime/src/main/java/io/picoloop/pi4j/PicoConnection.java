package io.picoloop.pi4j;

import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.provider.exception.ProviderException;
import io.picoloop.protocol.PinId;
import java.util.function.Supplier;

/**
 * One board shared by a picoloop output and input provider. It is opened once; if opening failed,
 * every create names the failure (Pi4J only logs exceptions thrown while it initializes plugins
 * and providers, so they would otherwise surface as a puzzling "provider not found"). It is closed
 * when the last provider that {@linkplain #acquire() used it} shuts down, or by the plugin.
 */
final class PicoConnection {

    private final String description;
    private final Supplier<PicoPort> opener;
    private PicoPort port;
    private RuntimeException openFailure;
    private final java.util.Map<Object, String> claimed = new java.util.HashMap<>();
    private int users;
    private boolean closed;

    PicoConnection(String description, Supplier<PicoPort> opener) {
        this.description = description;
        this.opener = opener;
    }

    /** A connection to an already open port. */
    static PicoConnection of(PicoPort port) {
        PicoConnection c = new PicoConnection(port.description(), () -> port);
        c.open();
        return c;
    }

    String description() {
        return description;
    }

    /** Opens the board now; a failure is kept for {@link #port()} and returned. */
    synchronized RuntimeException open() {
        if (port == null && openFailure == null) {
            try {
                port = opener.get();
            } catch (RuntimeException e) {
                openFailure = e;
            }
        }
        return openFailure;
    }

    /**
     * The open board, for a create.
     *
     * @throws ProviderException when the board could not be opened or the connection was closed
     */
    synchronized PicoPort port() {
        if (closed) {
            throw new ProviderException("picoloop: the connection to the Pico at " + description
                    + " was closed with its Pi4J context; create a new context");
        }
        open();
        if (openFailure != null) {
            throw new ProviderException("picoloop: cannot reach the Pico at " + description + ": "
                    + openFailure.getMessage(), openFailure);
        }
        return port;
    }

    /**
     * Reserves a pin (or the temperature sensor) for one I/O instance of this context, whichever its
     * type: a second create on the same Pico pin would reconfigure the pin under the first.
     *
     * @param pin a {@link PinId}, or an {@link io.picoloop.protocol.AdcInput} for the sensor
     * @throws IOAlreadyExistsException naming the instance that has the pin
     */
    synchronized void claim(Object pin, String ioId) {
        String owner = claimed.get(pin);
        if (owner != null) {
            // Pi4J's message: IO instance [Pico GP14 of DOUT-14] already exists ...
            throw new IOAlreadyExistsException("Pico " + pin + " of " + owner + ", asked for again by " + ioId);
        }
        claimed.put(pin, ioId);
    }

    synchronized void unclaim(Object pin) {
        claimed.remove(pin);
    }

    /** Makes a claimed pin an input or output on the board and builds its Pi4J I/O instance. */
    @FunctionalInterface
    interface PinSetup<T> {
        T setUp(PicoPort port, PinId pin);
    }

    /**
     * The common part of a digital or PWM create: checks the address against the board (see
     * {@link #register(com.pi4j.context.Context, String, Object, String, PicoPort, java.util.function.Supplier)}).
     *
     * @param output an output, else an input
     * @throws IOAlreadyExistsException when the id or the Pico pin is already in use in this context
     * @throws PicoPinException         when the Pico cannot offer that address
     * @throws PicoLinkException        when the board does not answer
     */
    <T extends com.pi4j.io.IO<?, ?, ?>> T register(com.pi4j.context.Context context, String ioId, Integer address,
                                               boolean output, PinSetup<T> setup) {
        PicoPort p = port();
        PinId pin = PicoAddresses.check(address, ioId, output, p);
        return register(context, ioId, pin, "make " + pin + (output ? " an output" : " an input") + " for " + ioId,
                p, () -> setup.setUp(p, pin));
    }

    /**
     * Checks the id and pin against this context (before the board is touched, so a second create
     * cannot reset the first I/O), sets the pin up, registers the instance with Pi4J (which
     * initializes it); the pin is free again if any of it fails.
     *
     * @param what what setting up does, for the message of a failure
     */
    <T extends com.pi4j.io.IO<?, ?, ?>> T register(com.pi4j.context.Context context, String ioId, Object pin,
                                               String what, PicoPort p, java.util.function.Supplier<T> setup) {
        if (context.registry().exists(ioId)) {
            throw new IOAlreadyExistsException(ioId);
        }
        claim(pin, ioId);
        try {
            T io;
            try {
                io = setup.get();
            } catch (PicoPort.Failure f) {
                throw PicoFailures.toPi4j(f, what, p.description());
            }
            context.registry().add(io);
            return io;
        } catch (RuntimeException e) {
            unclaim(pin);
            throw e;
        }
    }

    /** The board if it is open, else null (no attempt to open it). */
    synchronized PicoPort openPort() {
        return port;
    }

    synchronized void acquire() {
        users++;
    }

    /** A provider is done with the board; the last one closes it. */
    synchronized void release() {
        if (users > 0 && --users == 0) {
            close();
        }
    }

    synchronized void close() {
        closed = true;
        if (port != null) {
            port.close();
        }
    }
}
