import io.picoloop.button.Button;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Event;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.sim.SimConsole;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;

/**
 * A pedestrian crossing, the classroom kit's first lab: red, yellow and green LEDs (GP16, GP19,
 * GP20) cycle; the button (GP14) asks for a crossing, which shortens the green, and the onboard
 * LED is the "wait" lamp until the lights turn red. Two tasks on one loop: the lights, and one
 * that waits for presses. Each task gives the processor up only where it waits.
 *
 * <pre>
 *   ./picoloop examples/traffic-lights/TrafficLights.java                 # the simulated Pico: keys press the button
 *   ./picoloop examples/traffic-lights/TrafficLights.java /dev/ttyACM0    # a Pico with the bridge firmware
 * </pre>
 *
 * Wiring: README.md, "Wiring for the classroom kit" (the pin names are in config/board.properties).
 */
public final class TrafficLights {

    static final Duration GREEN_MIN = Duration.ofSeconds(3);     // even when somebody is waiting
    static final Duration GREEN_MAX = Duration.ofSeconds(10);    // when nobody is
    static final Duration YELLOW = Duration.ofSeconds(2);
    static final Duration RED = Duration.ofSeconds(5);

    public static void main(String[] args) {
        // no argument: the simulated Pico, its LEDs shown here and the keyboard as its button
        SimulatedPico sim = args.length == 0 ? SimulatedPico.start(SimulatedPico.Board.PICO) : null;
        try (Pico pico = Pico.connect(sim != null ? sim.transport() : SerialTransport.open(args[0]));
             SimConsole console = sim != null ? SimConsole.open(sim) : null) {
            EventLoop loop = EventLoop.create();
            loop.closeOnCtrlC(Duration.ofSeconds(2));      // Ctrl-C: every task's finally runs (lights off)
            run(pico, loop, Integer.MAX_VALUE);
        } catch (CancelledException stopped) {
            // Ctrl-C (or q on the simulator's keyboard): the lights task's finally put them out
        }
    }

    /** Runs {@code cycles} green-yellow-red cycles; returns how many of them were asked for by the button. */
    static int run(Pico pico, EventLoop loop, int cycles) {
        return loop.run(() -> {
            OutputPin red = pico.output("red");
            OutputPin yellow = pico.output("yellow");
            OutputPin green = pico.output("green");
            OutputPin waitLamp = pico.output("LED");
            Button button = Button.on(pico, "button").open();
            Event asked = new Event();
            loop.spawn("button", () -> {
                while (true) {
                    button.awaitPress();
                    asked.set();
                    waitLamp.on();
                }
            });
            int crossings = 0;
            try {
                for (int i = 0; i < cycles; i++) {
                    green.on();
                    Async.sleep(GREEN_MIN);
                    try {
                        Async.waitFor(GREEN_MAX.minus(GREEN_MIN), () -> {
                            asked.await();
                            return null;
                        });
                    } catch (TaskTimeoutException nobodyAsked) {
                        // the cycle goes on anyway: cars wait at the red too
                    }
                    green.off();
                    yellow.on();
                    Async.sleep(YELLOW);
                    yellow.off();
                    red.on();
                    if (asked.isSet()) {
                        crossings++;
                        asked.clear();
                        waitLamp.off();
                    }
                    Async.sleep(RED);
                    red.off();
                }
            } finally {
                // also on Ctrl-C, when the loop cancels this task at its await point
                red.off();
                yellow.off();
                green.off();
                waitLamp.off();
            }
            return crossings;       // main returns: the loop cancels the button task
        });
    }
}
