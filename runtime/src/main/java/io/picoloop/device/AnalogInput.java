package io.picoloop.device;

import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An analog input of the board (firmware 0.5.0), from {@link Pico#analog(int)}: GP26, GP27 or
 * GP28 (a potentiometer, a light sensor), or the chip's temperature sensor
 * ({@link Pico#temperature()}). Values are 0 to 65535, as MicroPython's {@code read_u16} gives
 * them; each comes with the device time it was taken. The first {@link #read()} or
 * {@link #stream} makes the pin an analog input on the board (no longer an output or a digital
 * input); making the handle sends nothing.
 */
public final class AnalogInput {

    private final Pico pico;
    private final AdcInput input;

    AnalogInput(Pico pico, AdcInput input) {
        this.pico = pico;
        this.input = input;
    }

    public AdcInput input() {
        return input;
    }

    /** One conversion ({@code adc <input>}); waits for the device, parking a task, not the loop. */
    public AnalogReading read() {
        return pico.call(Commands.adc(input), this::reading);
    }

    public CompletableFuture<AnalogReading> readAsync() {
        return pico.send(Commands.adc(input)).thenApply(this::reading);
    }

    private AnalogReading reading(Reply r) {
        Commands.AdcReading a = Commands.adcReading(r);
        return new AnalogReading(input, a.value(), a.micros(), 0, pico.deviceClock().toHostNanos(a.micros(), pico.hostNanos()));
    }

    /**
     * Has the board sample the input every {@code period} (1 ms to 60 s, whole ms) on its own clock
     * ({@code stream <input> <ms>}); the samples come to the returned {@link AnalogStream}. The
     * first stream or watch also pings a few times so that device times map onto the host clock
     * from the start.
     *
     * @throws IllegalStateException when this client already streams the input
     */
    public AnalogStream stream(Duration period) {
        return pico.await(streamAsync(period));
    }

    public CompletableFuture<AnalogStream> streamAsync(Duration period) {
        return pico.stream(input, AnalogRules.periodMs(period));
    }

    @Override
    public String toString() {
        return "analog input " + input + " on " + pico.description();
    }
}
