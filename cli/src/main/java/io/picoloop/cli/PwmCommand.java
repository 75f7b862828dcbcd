package io.picoloop.cli;

import io.picoloop.device.PwmPin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pwm",
        description = {"Set a PWM output: an LED's brightness, a motor's speed.",
            "Held until Ctrl-C or --duration; the pin is left low."},
        footer = {"", "Examples:",
            "  picoloop pwm --pin 16 --duty 25% --sim",
            "  picoloop pwm --pin red --duty 0.5 --freq 500 --duration 5s"})
final class PwmCommand extends PwmOutputCommand {

    @Option(names = "--duty", paramLabel = "DUTY", required = true, converter = DutyConverter.class,
            description = "The share of each period the pin is high: " + DutyConverter.FORMS + ".")
    double duty;

    @Override
    void drive(BoardSession session, PwmPin output) {
        output.duty(duty);
        session.endLine();
        out().printf("%s at %s duty, %d Hz on %s%s%n", label, DutyConverter.text(duty), output.frequencyHz(),
                session.board().pico().description(), stopAfter.duration == null ? "; Ctrl-C to stop" : " for " + stopAfter.duration.toMillis() + " ms");
        out().flush();
        hold();
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        out().printf("%s was at %s%s%n", label, DutyConverter.text(duty), leftLow(session, stoppedBy));
    }
}
