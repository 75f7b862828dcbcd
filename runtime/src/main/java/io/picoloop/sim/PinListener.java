package io.picoloop.sim;

import io.picoloop.protocol.PinId;

/**
 * Told when a simulated output pin changes its driven level (or becomes an output), and when a PWM
 * output's duty changes (or a pin becomes one). Called on the simulated device's thread: return
 * quickly, hand work to your own thread or loop.
 */
@FunctionalInterface
public interface PinListener {

    /**
     * @param pin   the GPIO (on a Pico the LED is {@code GP25}) or {@link PinId#LED} on a Pico W
     * @param level 0 or 1
     * @param nanos the simulator's clock when it happened
     */
    void pinChanged(PinId pin, int level, long nanos);

    /**
     * A PWM output's duty changed, or the pin became a PWM output; when its PWM ends it is an output
     * driven low ({@link #pinChanged} with 0). A fade changes the duty every few milliseconds.
     *
     * @param duty    0 (always low) to 65535 (always high), MicroPython's duty_u16
     * @param running true while a fade or tone runs on it: more changes follow on their own
     * @param nanos   the simulator's clock when it happened
     */
    default void pwmChanged(PinId pin, int duty, boolean running, long nanos) {
    }
}
