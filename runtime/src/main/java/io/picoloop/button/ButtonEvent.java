package io.picoloop.button;

import io.picoloop.protocol.PinId;

/**
 * Something a {@link Button} did.
 *
 * @param kind         what
 * @param pin          the button's pin
 * @param deviceMicros when, on the device clock (the pin interrupt's time; for {@link Kind#LONG}
 *                     the press's time plus the long-press time)
 * @param hostNanos    the same moment on the loop's clock ({@link io.picoloop.loop.EventLoop#nowNanos()})
 * @param heldMicros   for {@link Kind#RELEASE} and {@link Kind#CLICK}: how long the button was held,
 *                     from device times; for {@link Kind#LONG}, the long-press time it has now been
 *                     held for; 0 for the others
 */
public record ButtonEvent(Kind kind, PinId pin, long deviceMicros, long hostNanos, long heldMicros) {

    /** {@link #heldMicros()} as a Duration: {@code e.held().toMillis() > 1000}. */
    public java.time.Duration held() {
        return java.time.Duration.ofNanos(heldMicros * 1000);
    }

    /**
     * The events, after Peter Hinch's micropython-async {@code Pushbutton}.
     * {@link #PRESS} and {@link #RELEASE} are the physical facts and are never suppressed;
     * {@link #LONG}, {@link #DOUBLE} and {@link #CLICK} are gestures derived from them.
     */
    public enum Kind {
        /** Every debounced press, the moment it happens. */
        PRESS,
        /** Every release. */
        RELEASE,
        /** The button has been held for the long-press time (fires while still held, once per press). */
        LONG,
        /** A press that began within the double-click time of the previous press (by device times). */
        DOUBLE,
        /**
         * A short press on its own: released before the long-press time, and no second press within
         * the double-click time, by device times. Fires once the window has closed on the device clock
         * (or at the release if that is later). Hinch's "suppress" release: a double click or a long
         * press gives no click.
         */
        CLICK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
