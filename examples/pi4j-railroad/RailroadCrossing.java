import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.picoloop.loop.Async;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.StopOnSignal;
import io.picoloop.loop.Task;
import io.picoloop.pi4j.PiAndPico;
import io.picoloop.pi4j.PiInputs;
import io.picoloop.pi4j.PicoSource;
import io.picoloop.pi4j.PicoloopPi4J;
import io.picoloop.transport.SerialTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A railroad crossing: a button on the Raspberry Pi's own GPIO (Pi4J's native provider) starts
 * and stops the crossing; two lights on the Pico (GP14, GP15) flash in turn while it is on, and
 * the Pico's onboard LED (address 25, also on a Pico W) stays lit. One Pi4J program, two boards.
 *
 * <pre>
 *   ./picoloop examples/pi4j-railroad/RailroadCrossing.java [--sim | --port /dev/ttyACM0]
 *        [--button 17 | --pico-button 16] [--seconds N]
 * </pre>
 *
 * Wiring: a push button from Pi GPIO 17 to ground (the internal pull-up is used), or with
 * {@code --pico-button 16} from Pico GP16 to ground (the Pico debounces it and reports its edges;
 * Pi4J delivers them as state-change events like the Pi's own); LEDs with 330 Ω resistors from
 * Pico GP14 and GP15 to ground. The Pi's GPIO needs Pi4J's plugin for it on the classpath
 * (scripts/get-pi-gpio-plugin.sh). Without a Pi GPIO provider (e.g. on a laptop with {@code --sim}, or
 * on a Pi without the plugin) and without {@code --pico-button} the Enter key stands in for the button.
 * See examples/README.md.
 */
public final class RailroadCrossing {

    static final int LIGHT_A = 14;
    static final int LIGHT_B = 15;
    static final Duration FLASH = Duration.ofMillis(500);

    public static void main(String[] args) {
        PicoSource source = PicoSource.simulated();
        int button = 17;
        int picoButton = -1;
        long seconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sim" -> source = PicoSource.simulated();
                case "--port" -> source = PicoSource.port(args[++i]);
                case "--button" -> button = Integer.parseInt(args[++i]);
                case "--pico-button" -> picoButton = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: RailroadCrossing [--sim | --port /dev/ttyACM0] [--button 17 | --pico-button 16] [--seconds N]");
                    System.exit(2);
                }
            }
        }
        EventLoop loop = EventLoop.create();
        // Ctrl-C or kill: the loop's tasks are cancelled (their finally blocks put the lights out),
        // Pi4J shuts down, then the JVM ends; with a port, before the serial library closes it
        StopOnSignal signal = StopOnSignal.install(loop, Duration.ofSeconds(2), source.isSimulated()
                ? Runtime.getRuntime()::addShutdownHook : SerialTransport::addShutdownHook);
        try (PiAndPico gpio = PicoloopPi4J.withPico(source)) {
            if (seconds > 0) {
                loop.runLater(Duration.ofSeconds(seconds), loop::requestStop);
            }
            if (picoButton >= 0) {
                runWithPicoButton(gpio, picoButton, loop);
            } else {
                run(gpio, button, loop);
            }
        } finally {
            signal.release();
        }
    }

    /**
     * Runs the crossing on {@code loop} until the loop is asked to stop; returns how often the
     * button was pressed.
     */
    public static int run(PiAndPico gpio, int buttonBcm, EventLoop loop) {
        return crossing(gpio, pressSource(gpio, buttonBcm), loop);
    }

    /**
     * The same crossing with its button on the Pico ({@code picoGpio} to ground, pulled up,
     * debounced 10 ms by the board): a Pico input through Pi4J, awaited like the Pi's.
     */
    public static int runWithPicoButton(PiAndPico gpio, int picoGpio, EventLoop loop) {
        var pico = gpio.pico();
        DigitalInput button = pico.digitalInput().create(DigitalInput.newConfigBuilder(pico).id("pico-button")
                .bcm(picoGpio).pull(PullResistance.PULL_UP).debounce(10_000L));
        System.out.println("press the button on Pico GP" + picoGpio + " (Ctrl-C ends)");
        return crossing(gpio, () -> PiInputs.awaitPress(button), loop);
    }

    private static int crossing(PiAndPico gpio, Runnable awaitPress, EventLoop loop) {
        var pico = gpio.pico();
        DigitalOutput a = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("light-a")
                .bcm(LIGHT_A).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalOutput b = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("light-b")
                .bcm(LIGHT_B).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalOutput onboard = pico.digitalOutput().create(DigitalOutput.newConfigBuilder(pico).id("crossing-on")
                .bcm(PicoloopPi4J.ONBOARD_LED).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        int[] presses = {0};

        try {
            loop.run(() -> {
                Task<Void> lights = null;    // flashing while the crossing is on
                while (true) {
                    awaitPress.run();        // the task parks here; the lights task keeps flashing
                    presses[0]++;
                    boolean on = lights == null;
                    if (on) {
                        lights = loop.spawn("lights", () -> flash(a, b));
                    } else {
                        // cancelled at its next await, even between its two writes; its finally
                        // switches both lights off, so none is left lit after "off"
                        lights.cancel();
                        lights = null;
                    }
                    onboard.state(on ? DigitalState.HIGH : DigitalState.LOW);
                    System.out.println("crossing " + (on ? "ON" : "off"));
                }
            });
        } catch (CancelledException stopped) {
            // Ctrl-C, --seconds or requestStop(): the tasks were cancelled at their awaits
        }
        return presses[0];
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

    /** The Pi button through Pi4J, or the Enter key when this machine has no Pi GPIO provider. */
    private static Runnable pressSource(PiAndPico gpio, int bcm) {
        var pi = gpio.pi();
        if (pi.hasProvider(IOType.DIGITAL_INPUT)) {
            DigitalInput button = pi.digitalInput().create(DigitalInput.newConfigBuilder(pi).id("button")
                    .bcm(bcm).pull(PullResistance.PULL_UP).debounce(10_000L));
            System.out.println("press the button on Pi GPIO " + bcm + " (Ctrl-C ends)");
            return () -> PiInputs.awaitPress(button);
        }
        if (BoardInfoHelper.runningOnRaspberryPi()) {
            // Pi4J's providers for the Pi come in plugin jars (pi4j-plugin-ffm), not in picoloop's jar; a plugin
            // that is there but did not start (say, a missing group) has Pi4J's own error above
            System.out.println("no Pi4J GPIO provider for the Pi: run scripts/get-pi-gpio-plugin.sh, or put Pi4J's plugin"
                    + " jars on PICOLOOP_CLASSPATH (if they are there, Pi4J's error above says why none started);"
                    + " the Enter key is the button meanwhile");
        } else {
            System.out.println("no Pi GPIO provider (Pi4J detects no Raspberry Pi here): press Enter for the button");
        }
        var keys = new BufferedReader(new InputStreamReader(System.in));
        return () -> Async.await(CompletableFuture.supplyAsync(() -> {
            try {
                String line = keys.readLine();
                if (line == null) { // end of input: no more presses
                    return new CompletableFuture<String>().join();
                }
                return line;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().name("enter-key").start(r)));
    }
}
