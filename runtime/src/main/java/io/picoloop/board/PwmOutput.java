package io.picoloop.board;

/**
 * A PWM slice's output that a GPIO drives. Each of the 8 slices (RP2040; the RP2350's other 4
 * reach no GPIO of a Pico 2) has two channels, A and B, with one frequency for both: two GPIO on
 * one slice share their frequency, and GPIO 16 apart share their slice and channel.
 *
 * @param slice   0 to 7: {@code (gpio >> 1) & 7}
 * @param channel 0 (A) or 1 (B): {@code gpio & 1}
 */
public record PwmOutput(int slice, int channel) {

    public static final int SLICES = 8;

    static PwmOutput of(int gpio) {
        return new PwmOutput((gpio >> 1) & (SLICES - 1), gpio & 1);
    }

    /** "PWM 4B", as the RP2040's datasheet names it. */
    @Override
    public String toString() {
        return "PWM " + slice + (channel == 0 ? "A" : "B");
    }
}
