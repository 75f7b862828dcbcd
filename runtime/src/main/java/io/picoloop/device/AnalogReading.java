package io.picoloop.device;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Protocol;

/**
 * One conversion of an analog input: a {@link AnalogInput#read()}, or a sample of an
 * {@link AnalogStream} ({@code ! sample}).
 *
 * @param input        the input: a GPIO with an ADC, or {@link AdcInput#TEMPERATURE}
 * @param value        0 to 65535, as MicroPython's {@code read_u16} gives it (the chip's 12 bits, scaled)
 * @param deviceMicros when it was taken, on the device clock (the {@code ping} clock, as an {@link Edge}'s)
 * @param seq          a sample's event sequence number (shared with edges); 0 for a {@code read()}
 * @param hostNanos    {@code deviceMicros} mapped onto the host timeline as an {@link Edge}'s time is;
 *                     never later than the reply's or the event's arrival
 */
public record AnalogReading(AdcInput input, int value, long deviceMicros, long seq, long hostNanos) {

    /** The value as a fraction of full scale, 0 to 1 (e.g. a potentiometer's position). */
    public double fraction() {
        return value / (double) Protocol.ADC_VALUE_MAX;
    }

    /** The voltage at the input, 0 to 3.3 V (the ADC's reference). */
    public double volts() {
        return fraction() * BoardModel.ADC_REFERENCE_VOLTS;
    }

    /**
     * The chip's temperature in degrees C, from the temperature sensor's reading (RP2040 datasheet,
     * 4.9.5: a rough figure, a few degrees off, more so while the chip warms up).
     *
     * @throws IllegalStateException for a reading of another input
     */
    public double celsius() {
        if (!input.isTemperature()) {
            throw new IllegalStateException(input + " is not the temperature sensor: read pico.temperature() for degrees");
        }
        return BoardModel.celsius(volts());
    }
}
