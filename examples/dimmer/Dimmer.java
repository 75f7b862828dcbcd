import io.picoloop.Picoloop;
import io.picoloop.device.AnalogReading;
import io.picoloop.device.AnalogStream;
import io.picoloop.device.Pico;
import io.picoloop.device.PwmPin;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import java.time.Duration;

/**
 * The dimmer lab: a potentiometer on GP26 sets the brightness of the red LED (GP16). The board
 * samples the pot 50 times a second on its own clock ({@code stream}); each sample sets the LED's
 * duty to the pot's share of full scale (both 0-65535, as MicroPython's read_u16 and duty_u16).
 *
 * <pre>
 *   ./picoloop examples/dimmer/Dimmer.java --sim     # the simulated Pico: + and - turn the pot
 *   ./picoloop examples/dimmer/Dimmer.java           # the Pico with the bridge firmware
 * </pre>
 *
 * Wiring: the pot's ends to 3V3 and GND, its wiper to GP26; the red LED (330 Ω) from GP16 to GND.
 */
public final class Dimmer {

    public static void main(String[] args) {
        Picoloop.run(args, pico -> dim(pico, Duration.ofDays(1)));
    }

    /** In a task: the pot dims the LED for {@code duration}; Picoloop.run switches the LED off after. */
    static void dim(Pico pico, Duration duration) throws Exception {
        PwmPin led = pico.pwm("red");
        try (AnalogStream pot = pico.analog(26).stream(Duration.ofMillis(20))) {
            Async.waitFor(duration, () -> {
                while (true) {
                    AnalogReading sample = pot.await();     // the next sample, with its device time
                    led.dutyU16(sample.value());
                }
            });
        } catch (TaskTimeoutException timeUp) {
            // the duration is over
        }
    }
}
