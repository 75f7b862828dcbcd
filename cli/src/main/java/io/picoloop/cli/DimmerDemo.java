package io.picoloop.cli;

import io.picoloop.device.AnalogReading;
import io.picoloop.device.AnalogStream;
import io.picoloop.device.Pico;
import io.picoloop.device.PwmPin;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The dimmer lab: a potentiometer on an analog input sets an LED's brightness. The board samples
 * the pot on its own clock ({@code stream}); each sample sets the LED's duty, the pot's share of
 * full scale (both are 0-65535).
 */
@Command(name = "dimmer",
        description = {"Dimmer: the potentiometer sets the LED's brightness.",
            "Runs until Ctrl-C or --duration; the LED is left low.",
            "With --sim, + and - turn the potentiometer (a script: analog 26 <0-" + Protocol.ADC_VALUE_MAX + ">)."},
        footer = {"", "Examples:",
            "  picoloop demo dimmer --sim",
            "  picoloop demo dimmer --pot 27 --led red"})
final class DimmerDemo extends BoardCommand {

    /** How often the board samples the pot: 50 times a second, smoother than the eye follows. */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(20);

    @Option(names = "--pot", paramLabel = "PIN", defaultValue = "26",
            description = "The potentiometer's analog input (26, 27, 28). Default: ${DEFAULT-VALUE}.")
    String potPin;

    @Option(names = "--led", paramLabel = "PIN", defaultValue = "16",
            description = "The LED, on a PWM output. Default: ${DEFAULT-VALUE}.")
    String ledPin;

    @Mixin
    PwmFrequency frequency;

    @Mixin
    StopAfter stopAfter;

    /** Set by {@link #prepare}. */
    private PinId led;
    private String ledLabel;
    private long samples;

    @Override
    void validate() {
        frequency.checked();
        BoardSession.checkStopLimits(null, stopAfter.duration);
    }

    @Override
    void prepare(BoardSession session) {
        led = session.board().pin(ledPin);
        ledLabel = PwmOutputCommand.named(session.board(), boardOptions, led);
    }

    @Override
    void run(BoardSession session) throws Exception {
        Pico pico = session.board().pico();
        PwmPin output = pico.pwm(led, frequency.checked());
        try (AnalogStream pot = pico.analog(potPin).stream(SAMPLE_PERIOD)) {
            session.openConsole(out(), err());
            session.endLine();
            out().printf("dimmer: the potentiometer on %s sets the brightness of %s on %s%s%n", pot.input(), ledLabel,
                    pico.description(), stopAfter.duration == null ? "; Ctrl-C to stop" : "");
            out().flush();
            Async.waitFor(stopAfter.orLongest(), () -> {
                while (true) {
                    AnalogReading r = pot.await();      // fails, naming why, if the stream ends
                    // a sample that queued up meanwhile is already old: the latest one counts
                    AnalogReading latest = pot.latest().orElse(r);
                    samples++;
                    if (latest.value() != output.dutyU16()) {
                        output.dutyU16(latest.value());
                    }
                }
            });
        } catch (TaskTimeoutException timeUp) {
            // --duration ended
        } finally {
            PwmOutputCommand.leaveLow(session, output);
        }
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        out().printf("%s followed the potentiometer over %d sample%s%s%n", ledLabel, samples, samples == 1 ? "" : "s",
                PwmOutputCommand.leftLow(session, stoppedBy));
    }
}
