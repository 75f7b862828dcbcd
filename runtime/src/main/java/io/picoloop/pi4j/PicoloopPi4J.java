package io.picoloop.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.provider.exception.ProviderException;
import io.picoloop.board.BoardModel;
import io.picoloop.loop.Async;
import io.picoloop.loop.CancelledException;
import java.util.concurrent.CompletableFuture;

/**
 * The Pico as a Pi4J GPIO extension: provider ids, property keys and the ways to get a context.
 *
 * <pre>{@code
 * try (PiAndPico gpio = PicoloopPi4J.withPico(PicoSource.port("/dev/ttyACM0"))) {
 *     var led = gpio.pico().digitalOutput().create(PicoloopPi4J.ONBOARD_LED); // also on a Pico W
 *     var button = gpio.pi().digitalInput().create(DigitalInput.newConfigBuilder(gpio.pi())
 *             .bcm(17).pull(PullResistance.PULL_UP).debounce(3000L)); // Pi GPIO 17, Pi4J's own provider
 *     button.addListener(e -> { if (e.state() == DigitalState.LOW) led.toggle(); });
 * }
 * }</pre>
 *
 * <p>Pi4J keeps one provider per I/O type in a context, and one I/O instance per address and type,
 * so the Pico and the Pi each get their own context (docs/architecture.md, "Pi4J integration").
 */
public final class PicoloopPi4J {

    /** Provider id of Pico digital outputs. */
    public static final String DIGITAL_OUTPUT = "picoloop-digital-output";
    /** Provider id of Pico digital inputs. */
    public static final String DIGITAL_INPUT = "picoloop-digital-input";
    /** Provider id of Pico PWM outputs. */
    public static final String PWM = "picoloop-pwm";
    /** Provider id of Pico analog inputs. */
    public static final String ANALOG_INPUT = "picoloop-analog-input";

    /**
     * The address of the chip's temperature sensor as a Pi4J analog input: it has no GPIO (ADC
     * channel 4), and -1 is how picoloop's protocol names it ({@code AdcInput.TEMPERATURE}).
     */
    public static final int TEMPERATURE_SENSOR = io.picoloop.protocol.AdcInput.TEMPERATURE.gpio();

    /** Pi4J property: the Pico's serial port, e.g. {@code /dev/ttyACM0}. */
    public static final String PROPERTY_PORT = "picoloop.port";
    /** Pi4J property: {@code true} for the simulated Pico. */
    public static final String PROPERTY_SIM = "picoloop.sim";
    /** Pi4J property: the simulated board, {@code pico} (default) or {@code picow}. */
    public static final String PROPERTY_BOARD = "picoloop.board";

    /**
     * The address of the onboard LED on every model: GP25 on a Pico and Pico 2, the wireless
     * chip's {@code LED} pin on a Pico W and Pico 2 W (their GP25 is the radio's chip select, never
     * a user GPIO, so there the address means the LED). On a Pico W it can only be an output.
     */
    public static final int ONBOARD_LED = BoardModel.PICO_LED_GPIO;

    /**
     * Priority of the picoloop providers, above Pi4J's (4.0.2: FFM 200, gpiod 150, linuxfs 50-100,
     * the mock 1000, which an auto-detecting context off a Pi loads; a tie keeps whichever was
     * found first): in a context configured for the Pico, the Pico's providers win.
     */
    public static final int PRIORITY = 1001;

    private PicoloopPi4J() {
    }

    /**
     * A Pi4J context whose digital outputs and inputs, PWM and analog inputs are the Pico's, and nothing else (no
     * auto-detected providers). Shutting it down applies the outputs' shutdown states and closes
     * the link.
     *
     * @throws ProviderException when the board cannot be reached
     */
    public static Context newContext(PicoSource source) {
        PicoConnection connection = new PicoConnection(source.describe(), () -> DevicePicoPort.open(source));
        RuntimeException failure = connection.open();
        if (failure != null) {
            throw new ProviderException("picoloop: cannot reach the Pico at " + source.describe() + ": "
                    + failure.getMessage(), failure);
        }
        return newContext(connection);
    }

    /** A Pico context over an already open port (tests, or a board the caller opened). */
    static Context newContext(PicoPort port) {
        return newContext(PicoConnection.of(port));
    }

    /** The simulated board behind a context made for {@link PicoSource#simulated()}, else null. */
    static io.picoloop.sim.SimulatedPico simulatorOf(Context pico) {
        if (pico.provider(com.pi4j.io.IOType.DIGITAL_OUTPUT) instanceof PicoDigitalOutputProvider p
                && p.connection().openPort() instanceof DevicePicoPort d) {
            return d.simulator();
        }
        return null;
    }

    private static Context newContext(PicoConnection connection) {
        try {
            return Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(providers(connection))
                    .build();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The picoloop providers of one board, for a context or the plugin. */
    static com.pi4j.provider.Provider<?, ?, ?>[] providers(PicoConnection connection) {
        return new com.pi4j.provider.Provider<?, ?, ?>[] {new PicoDigitalOutputProvider(connection),
                new PicoDigitalInputProvider(connection), new PicoPwmProvider(connection),
                new PicoAnalogInputProvider(connection)};
    }

    /**
     * The Pi's own GPIO ({@link Pi4J#newAutoContext()}: Pi4J's native providers, found on the class
     * path) and the Pico's, side by side.
     */
    public static PiAndPico withPico(PicoSource source) {
        Context pico = newContext(source);
        try {
            return new PiAndPico(Pi4J.newAutoContext(), pico);
        } catch (RuntimeException e) {
            pico.shutdown();
            throw e;
        }
    }

    /**
     * The Pi's own GPIO and an already open board's, e.g. the {@code pico} of
     * {@code Picoloop.run(args, pico -> ...)}: closing the pair shuts Pi4J down and leaves the board
     * open for its owner, which switches every output off however the program ends.
     */
    public static PiAndPico withPico(io.picoloop.device.Pico pico) {
        if (!Async.inTask()) {
            return over(pico);
        }
        // Pi4J builds a context by scanning the class path: blocking work, kept off the loop
        CompletableFuture<PiAndPico> building = CompletableFuture.supplyAsync(() -> over(pico),
                r -> Thread.ofPlatform().daemon().name("picoloop-pi4j").start(r));
        try {
            return Async.await(building);
        } catch (CancelledException e) {
            building.thenAccept(PiAndPico::close);
            throw e;
        }
    }

    private static PiAndPico over(io.picoloop.device.Pico pico) {
        Context onPico = newContext(DevicePicoPort.over(pico));
        try {
            return new PiAndPico(Pi4J.newAutoContext(), onPico);
        } catch (RuntimeException e) {
            onPico.shutdown();
            throw e;
        }
    }

    /** Like {@link #withPico(PicoSource)} with a Pi context the caller built. */
    public static PiAndPico withPico(Context pi, PicoSource source) {
        return new PiAndPico(pi, newContext(source));
    }
}
