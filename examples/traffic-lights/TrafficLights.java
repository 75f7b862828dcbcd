import io.picoloop.Picoloop;
import io.picoloop.button.Button;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.Event;
import io.picoloop.loop.TaskTimeoutException;
import java.time.Duration;

/**
 * A pedestrian crossing, the classroom kit's first lab: red, yellow and green LEDs (GP16, GP19,
 * GP20) cycle; the button (GP14) asks for a crossing, which shortens the green, and the onboard
 * LED is the "wait" lamp until the lights turn red. Two tasks on one loop: the lights, and one
 * that waits for presses. Each task gives the processor up only where it waits.
 *
 * <pre>
 *   ./picoloop examples/traffic-lights/TrafficLights.java --sim     # the simulated Pico: space is the button
 *   ./picoloop examples/traffic-lights/TrafficLights.java           # the Pico with the bridge firmware
 * </pre>
 *
 * It takes the options of picoloop's commands ({@code --port}, {@code --config}, {@code --help});
 * Ctrl-C, q on the simulator's keyboard or an error: every LED goes out.
 * Wiring: README.md, "Wiring for the classroom kit" (the pin names are in config/board.properties).
 */
public final class TrafficLights {

    static final Duration GREEN_MIN = Duration.ofSeconds(3);     // even when somebody is waiting
    static final Duration GREEN_MAX = Duration.ofSeconds(10);    // when nobody is
    static final Duration YELLOW = Duration.ofSeconds(2);
    static final Duration RED = Duration.ofSeconds(5);

    public static void main(String[] args) {
        Picoloop.run(args, pico -> lights(pico, Integer.MAX_VALUE));
    }

    /** In a task: runs {@code cycles} green-yellow-red cycles; returns how many crossings the button asked for. */
    static int lights(Pico pico, int cycles) throws Exception {
        OutputPin red = pico.output("red");
        OutputPin yellow = pico.output("yellow");
        OutputPin green = pico.output("green");
        OutputPin waitLamp = pico.output("LED");
        Button button = Button.on(pico, "button").open();
        Event asked = new Event();
        Async.spawn(() -> {         // the button's task: ends with this one, as the loop closes
            while (true) {
                button.awaitPress();
                asked.set();
                waitLamp.on();
            }
        });
        int crossings = 0;
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
        return crossings;
    }
}
