import io.picoloop.button.Button;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Timer;
import io.picoloop.sim.SimConsole;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;

/**
 * One button, three gestures, in the callback style of small Arduino schedulers and of Peter
 * Hinch's {@code Pushbutton}: a click toggles the red LED (GP16), a double click the green (GP20),
 * a long press (1 s) the yellow (GP19), and the onboard LED beats every half second
 * ({@code loop.every}). No task waits for the button: its listeners run on the loop.
 *
 * <pre>
 *   ./picoloop examples/button-gestures/Gestures.java                 # the simulated Pico: space is the button
 *   ./picoloop examples/button-gestures/Gestures.java /dev/ttyACM0    # a Pico with the bridge firmware
 * </pre>
 *
 * Wiring: README.md, "Wiring for the classroom kit" (button GP14 to GND).
 */
public final class Gestures {

    public static void main(String[] args) {
        // no argument: the simulated Pico, its LEDs shown here and the keyboard as its button
        SimulatedPico sim = args.length == 0 ? SimulatedPico.start(SimulatedPico.Board.PICO) : null;
        try (Pico pico = Pico.connect(sim != null ? sim.transport() : SerialTransport.open(args[0]));
             SimConsole console = sim != null ? SimConsole.open(sim) : null) {
            EventLoop loop = EventLoop.create();
            loop.closeOnCtrlC(Duration.ofSeconds(2));
            run(pico, loop, Duration.ofDays(1));
        } catch (CancelledException stopped) {
            // Ctrl-C (or q on the simulator's keyboard): the finally below put the LEDs out
        }
    }

    /** Runs the gestures for {@code duration}, then switches the LEDs off. */
    static void run(Pico pico, EventLoop loop, Duration duration) {
        loop.run(() -> {
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
            Timer beat = loop.every(Duration.ofMillis(500), heart::toggleAsync);
            try {
                Async.sleep(duration);
            } finally {
                // also on Ctrl-C, when the loop cancels this task at its sleep; the callbacks
                // first, or a beat or a click could light an LED again after allOff
                beat.cancel();
                button.close();
                pico.allOff();
            }
            return null;
        });
    }
}
