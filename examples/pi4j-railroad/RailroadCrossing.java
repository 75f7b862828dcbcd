import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.Picoloop;
import io.picoloop.loop.Async;
import io.picoloop.loop.Task;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.pi4j.PiAndPico;
import io.picoloop.pi4j.PiInputs;
import io.picoloop.pi4j.PicoloopPi4J;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * A railroad crossing: a button on the Raspberry Pi's own GPIO (Pi4J's native provider) starts
 * and stops the crossing; two lights on the Pico (GP16 and GP19, the classroom kit's red and
 * yellow) flash in turn while it is on, and the Pico's onboard LED (address 25, also on a Pico W)
 * stays lit. One Pi4J program, two boards.
 *
 * <pre>
 *   ./picoloop examples/pi4j-railroad/RailroadCrossing.java --sim    # simulated Pico: space is the button
 *   ./picoloop examples/pi4j-railroad/RailroadCrossing.java [--button 17 | --pico-button 14] [--seconds N]
 * </pre>
 *
 * It takes the options of picoloop's commands ({@code --sim}, {@code --port}, {@code --board},
 * {@code --config}, {@code --help}; no port: the Pico where the bridge answers) and runs on
 * {@code Picoloop.run}: Ctrl-C, the end or an error, every Pico output goes out.
 * Wiring: a push button from Pi GPIO 17 to ground (the internal pull-up is used), or with
 * {@code --pico-button 14} from Pico GP14 to ground (the Pico debounces it and reports its edges;
 * Pi4J delivers them as state-change events like the Pi's own); LEDs with 330 Ω resistors from
 * Pico GP16 and GP19 to ground (README.md, "Wiring for the classroom kit"). The Pi's GPIO needs
 * Pi4J's plugin for it on the classpath (scripts/get-pi-gpio-plugin.sh). Without a Pi GPIO provider (e.g. on a laptop, or on a Pi
 * without the plugin) the Pico's button, GP14, stands in for the Pi's.
 * See examples/README.md.
 */
public final class RailroadCrossing {

    static final int LIGHT_A = 16;        // the classroom kit's red and yellow LEDs
    static final int LIGHT_B = 19;
    static final int KIT_BUTTON = 14;     // the kit's button: space on the simulator
    static final Duration FLASH = Duration.ofMillis(500);

    /** The example's own options, parsed with picoloop's board options. */
    static final class Options {
        @Option(names = "--button", paramLabel = "BCM", description = "The Pi GPIO of the button (default ${DEFAULT-VALUE}).")
        int button = 17;

        @Option(names = "--pico-button", paramLabel = "GP",
                description = "The button on this Pico GPIO instead of the Pi's (the classroom kit's: 14).")
        Integer picoButton;

        @Option(names = "--seconds", paramLabel = "N", description = "End after N seconds (default: until Ctrl-C).")
        long seconds;
    }

    public static void main(String[] args) {
        Options options = new Options();
        Picoloop.run(args, options, pico -> {
            try (PiAndPico gpio = PicoloopPi4J.withPico(pico)) {
                Runnable awaitPress = options.picoButton != null
                        ? picoButton(gpio, options.picoButton) : piButton(gpio, options.button);
                if (options.seconds > 0) {
                    try {
                        Async.waitFor(Duration.ofSeconds(options.seconds), () -> crossing(gpio, awaitPress));
                    } catch (TaskTimeoutException timeIsUp) {
                        // --seconds: the crossing's tasks were cancelled, their lights are out
                    }
                } else {
                    crossing(gpio, awaitPress);
                }
            }
        });
    }

    /**
     * In a task: runs the crossing until cancelled (Ctrl-C, the end of {@code --seconds}), each
     * {@code awaitPress} switching it on or off. Never returns normally.
     */
    static Void crossing(PiAndPico gpio, Runnable awaitPress) {
        var pico = gpio.pico();
        DigitalOutput a = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("light-a")
                .bcm(LIGHT_A).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalOutput b = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("light-b")
                .bcm(LIGHT_B).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalOutput onboard = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("crossing-on")
                .bcm(PicoloopPi4J.ONBOARD_LED).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        Task<Void> lights = null;    // flashing while the crossing is on
        // said just before the first wait: a press that comes before the wait is not counted
        System.out.println("ready: press the button (Ctrl-C ends)");
        try {
            while (true) {
                awaitPress.run();        // the task parks here; the lights task keeps flashing
                boolean on = lights == null;
                if (on) {
                    lights = Async.spawn(() -> flash(a, b));
                } else {
                    // cancelled at its next await, even between its two writes; its finally
                    // switches both lights off, so none is left lit after "off"
                    lights.cancel();
                    lights = null;
                }
                onboard.state(on ? DigitalState.HIGH : DigitalState.LOW);
                System.out.println("crossing " + (on ? "ON" : "off"));
            }
        } finally {
            if (lights != null) {       // cancelled itself: the lights go out before Pi4J shuts down
                lights.cancel();
                Async.await(lights.toCompletionStage().handle((done, cancelled) -> null));
            }
        }
    }

    /**
     * The button on the Pico ({@code picoGpio} to ground, pulled up, debounced 10 ms by the
     * board): a Pico input through Pi4J, awaited like the Pi's.
     */
    static Runnable picoButton(PiAndPico gpio, int picoGpio) {
        var pico = gpio.pico();
        DigitalInput button = pico.digitalInput().create(DigitalInput.newConfigBuilder(pico).id("pico-button")
                .bcm(picoGpio).pull(PullResistance.PULL_UP).debounce(10_000L));
        System.out.println("the button: Pico GP" + picoGpio);
        return () -> PiInputs.awaitPress(button);
    }

    /** Lights A and B in turn until cancelled; then both off. */
    private static void flash(DigitalOutput a, DigitalOutput b) {
        try {
            for (boolean flip = false; ; flip = !flip) {
                a.state(flip ? DigitalState.HIGH : DigitalState.LOW);
                b.state(flip ? DigitalState.LOW : DigitalState.HIGH);
                Async.sleep(FLASH);
            }
        } finally {
            a.low();
            b.low();
        }
    }

    /**
     * The Pi button through Pi4J; on a machine without a Pi GPIO provider, the Pico's button
     * ({@value #KIT_BUTTON}, the classroom kit's; space on the simulator) after saying why.
     */
    static Runnable piButton(PiAndPico gpio, int bcm) {
        var pi = gpio.pi();
        if (pi.hasProvider(IOType.DIGITAL_INPUT)) {
            DigitalInput button = pi.digitalInput().create(DigitalInput.newConfigBuilder(pi).id("button")
                    .bcm(bcm).pull(PullResistance.PULL_UP).debounce(10_000L));
            System.out.println("the button: Pi GPIO " + bcm);
            return () -> PiInputs.awaitPress(button);
        }
        if (BoardInfoHelper.runningOnRaspberryPi()) {
            // Pi4J's providers for the Pi come in plugin jars (pi4j-plugin-ffm), not in picoloop's jar; a plugin
            // that is there but did not start (say, a missing group) has Pi4J's own error above
            System.out.println("no Pi4J GPIO provider for the Pi: run scripts/get-pi-gpio-plugin.sh, or put Pi4J's plugin"
                    + " jars on PICOLOOP_CLASSPATH (if they are there, Pi4J's error above says why none started);"
                    + " the Pico's button is the button meanwhile");
        } else {
            System.out.println("no Pi GPIO provider (Pi4J detects no Raspberry Pi here): the Pico's button is the button");
        }
        return picoButton(gpio, KIT_BUTTON);
    }
}
