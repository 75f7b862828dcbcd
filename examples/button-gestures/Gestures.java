import io.picoloop.Picoloop;
import io.picoloop.button.Button;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.Timer;
import java.time.Duration;

/**
 * One button, three gestures, in the callback style of small Arduino schedulers and of Peter
 * Hinch's {@code Pushbutton}: a click toggles the red LED (GP16), a double click the green (GP20),
 * a long press (1 s) the yellow (GP19), and the onboard LED beats every half second
 * ({@code loop.every}). No task waits for the button: its listeners run on the loop.
 *
 * <pre>
 *   ./picoloop examples/button-gestures/Gestures.java --sim     # the simulated Pico: space is the button
 *   ./picoloop examples/button-gestures/Gestures.java           # the Pico with the bridge firmware
 * </pre>
 *
 * Wiring: README.md, "Wiring for the classroom kit" (button GP14 to GND).
 */
public final class Gestures {

    public static void main(String[] args) {
        Picoloop.run(args, pico -> gestures(pico, Duration.ofDays(1)));
    }

    /** In a task: runs the gestures for {@code duration}; Picoloop.run switches the LEDs off after. */
    static void gestures(Pico pico, Duration duration) {
        OutputPin red = pico.output("red");
        OutputPin yellow = pico.output("yellow");
        OutputPin green = pico.output("green");
        OutputPin heart = pico.output("LED");
        Button button = Button.on(pico, "button").open();
        // Listeners and timers are callbacks: they must not wait, so they use the Async
        // variants, which send the request and return at once.
        button.onClick(e -> red.toggleAsync());
        button.onDouble(e -> green.toggleAsync());
        button.onLong(e -> yellow.toggleAsync());
        Timer beat = Async.currentLoop().every(Duration.ofMillis(500), heart::toggleAsync);
        try {
            Async.sleep(duration);
        } finally {
            // also on Ctrl-C, when the loop cancels this task at its sleep: the callbacks stop
            // first, or a beat or a click could light an LED again after the switch-off
            beat.cancel();
            button.close();
        }
    }
}
