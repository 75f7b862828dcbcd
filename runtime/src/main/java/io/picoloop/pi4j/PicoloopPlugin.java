package io.picoloop.pi4j;

import com.pi4j.context.Context;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;

/**
 * The picoloop Pi4J plugin, found by {@code ServiceLoader} in contexts that auto-detect
 * providers. It reads the context's properties: with {@value PicoloopPi4J#PROPERTY_PORT} or
 * {@value PicoloopPi4J#PROPERTY_SIM}{@code =true} it opens that board and registers
 * {@link PicoDigitalOutputProvider}, {@link PicoDigitalInputProvider}, {@link PicoPwmProvider} and
 * {@link PicoAnalogInputProvider} (priority {@value PicoloopPi4J#PRIORITY}, so they are that
 * context's digital I/O, PWM and analog inputs); without either it
 * registers nothing, so contexts meant for the Pi's own GPIO are untouched.
 *
 * <p>Pi4J only logs what goes wrong while it initializes plugins, so a board that cannot be
 * opened is reported by the first {@code create} instead, as a {@code ProviderException} naming
 * the port and the cause.
 */
public final class PicoloopPlugin implements Plugin {

    private PicoConnection connection;

    @Override
    public void initialize(PluginService service) {
        PicoSource source;
        try {
            source = PicoSource.fromProperties(service.context().properties().all());
        } catch (IllegalArgumentException e) {
            connection = new PicoConnection("(misconfigured)", () -> {
                throw e;
            });
            register(service);
            return;
        }
        if (source == null) {
            return;
        }
        connection = new PicoConnection(source.describe(), () -> DevicePicoPort.open(source));
        connection.open();
        register(service);
    }

    private void register(PluginService service) {
        service.register(PicoloopPi4J.providers(connection));
    }

    /** After Pi4J shut the providers down (outputs in their shutdown states): closes the board. */
    @Override
    public void shutdown(Context context) {
        if (connection != null) {
            connection.close();
        }
    }
}
