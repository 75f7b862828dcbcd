package io.picoloop.device;

import io.picoloop.protocol.PinId;

/**
 * One debounced level change of a watched input ({@code ! edge <pin> <level> <t_us> <seq>}).
 *
 * @param pin          the pin
 * @param level        the new level: true for high (a button to GND with pull-up reads false while pressed)
 * @param deviceMicros when the pin changed, on the device clock (the {@code ping} clock: microseconds
 *                     since the bridge started; the pin interrupt's time, so USB latency is not in it)
 * @param seq          the bridge's event sequence number (counts every edge and lost event since boot)
 * @param hostNanos    {@code deviceMicros} mapped onto the host timeline of {@link DeviceOptions#hostClock()}
 *                     ({@link System#nanoTime()} by default, the same timeline as a picoloop loop on its
 *                     real clock) by the client's {@link DeviceClock}; never later than the line's arrival
 */
public record Edge(PinId pin, boolean level, long deviceMicros, long seq, long hostNanos) {

    /** The level as the protocol writes it: 0 or 1. */
    public int levelBit() {
        return level ? 1 : 0;
    }
}
