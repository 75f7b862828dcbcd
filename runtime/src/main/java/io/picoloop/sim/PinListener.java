package io.picoloop.sim;

import io.picoloop.protocol.PinId;

/**
 * Told when a simulated output pin changes its driven level (or becomes an output). Called on the
 * simulated device's thread: return quickly, hand work to your own thread or loop.
 */
@FunctionalInterface
public interface PinListener {

    /**
     * @param pin   the GPIO (on a Pico the LED is {@code GP25}) or {@link PinId#LED} on a Pico W
     * @param level 0 or 1
     * @param nanos the simulator's clock when it happened
     */
    void pinChanged(PinId pin, int level, long nanos);
}
