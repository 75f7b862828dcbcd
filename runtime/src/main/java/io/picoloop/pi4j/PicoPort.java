package io.picoloop.pi4j;

import io.picoloop.device.Pull;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.util.Set;

/**
 * What the Pi4J providers need of a Pico: blocking pin operations, called on Pi4J's and the
 * user's threads (never on a picoloop loop thread). {@link DevicePicoPort} implements it over the
 * device client ({@code io.picoloop.device}); tests may use a fake.
 *
 * <p>Levels are 0 or 1. Every method throws {@link Failure} when the board refuses or the link is
 * gone; the providers turn that into the Pi4J exception a Pi4J program expects.
 */
interface PicoPort extends AutoCloseable {

    /** Where the board is, for messages: {@code /dev/ttyACM0}, {@code simulated Pico}. */
    String description();

    /** The board's model as it reported it, e.g. {@code Raspberry Pi Pico with RP2040}. */
    String model();

    /** The free GPIO the board reported in its handshake. */
    Set<Integer> freePins();

    /** Whether the board named its LED {@code LED} in its handshake (Pico W): not a GPIO. */
    boolean ledIsSeparate();

    /** {@code mode <pin> out <level>}. */
    void modeOut(PinId pin, int level);

    /** {@code write <pin> <level>}. */
    void write(PinId pin, int level);

    /** {@code toggle <pin>}: returns the new level. */
    int toggle(PinId pin);

    /** {@code read <pin>}. */
    int read(PinId pin);

    /**
     * {@code watch <pin> <pull> <ms>}: the pin becomes an input with that pull and the board
     * reports its debounced edges. {@code onLevel} gets each edge's level (0 or 1) in the order the
     * board sent them, one at a time, on a thread of the port (never the caller's); it must not
     * block on the board.
     *
     * @param debounceMs whole milliseconds, 0 to {@link Protocol#DEBOUNCE_MAX_MS}
     * @return the watch; its {@link Watch#level()} is the level the board reported with the watch
     */
    Watch watch(PinId pin, Pull pull, int debounceMs, java.util.function.IntConsumer onLevel);

    /** A running watch of {@link #watch}. */
    interface Watch extends AutoCloseable {

        /** The level the board reported when the watch started (0 or 1). */
        int initialLevel();

        /** Stops the watch ({@code unwatch}); quiet when the link is gone. */
        @Override
        void close();

        static Watch of(int initialLevel, Runnable close) {
            return new Watch() {
                @Override
                public int initialLevel() {
                    return initialLevel;
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }

    /**
     * {@code pwm <pin> <hz> <duty>}: the pin runs PWM at that frequency and duty, a fraction 0 (always
     * low) to 1 (always high); the first call for a pin makes it a PWM output. Out-of-range values
     * fail with {@link Failure.Kind#RANGE} before anything is sent; a frequency another pin of the
     * same PWM slice already runs at differently is the board's {@link Failure.Kind#PIN} naming it.
     */
    void pwm(PinId pin, int frequencyHz, double duty);

    /** {@code pwm <pin> off}: PWM ends, the pin is an output driven low. */
    void pwmOff(PinId pin);

    /**
     * {@code adc <input>}: what the input reads, 0 to {@link Protocol#ADC_VALUE_MAX}. An input the
     * board has no ADC on fails with {@link Failure.Kind#RANGE}, naming the board's inputs.
     */
    int readAnalog(io.picoloop.protocol.AdcInput input);

    /**
     * {@code stream <input> <ms>}: the board samples the input every {@code periodMs} on its own
     * clock; {@code onValue} gets each sample's value in the board's order, one at a time, on
     * {@code executor}. Closing the returned stream stops it (quiet when the link is gone).
     */
    AutoCloseable streamAnalog(io.picoloop.protocol.AdcInput input, int periodMs,
                               java.util.concurrent.Executor executor, java.util.function.IntConsumer onValue);

    /** Whether the link is still up. */
    boolean isOpen();

    /** Closes the link (idempotent); the board keeps its pins as they are. */
    @Override
    void close();

    /** A refused or failed pin operation. */
    final class Failure extends RuntimeException {

        /**
         * What went wrong: the board refused the pin or mode, a value is outside what the chip can
         * do (refused before sending), or the link is gone or silent.
         */
        enum Kind { PIN, MODE, RANGE, LINK, DEVICE }

        final Kind kind;

        Failure(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        Failure(Kind kind, String message) {
            this(kind, message, null);
        }
    }
}
