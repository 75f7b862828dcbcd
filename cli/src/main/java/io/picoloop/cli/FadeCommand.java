package io.picoloop.cli;

import io.picoloop.device.PwmPin;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A breathing LED: each half period one fade the board runs itself ({@code fade}, a duty step
 * every {@value Protocol#FADE_STEP_MS} ms on its own clock), up then down, so it stays smooth
 * whatever the link or the host does; the host only starts each half.
 */
@Command(name = "fade",
        description = {"Fade a PWM output up and down, run by the board itself (smooth whatever the link does).",
            "Runs until Ctrl-C, --count fades or --duration; the pin is left low."},
        footer = {"", "Examples:",
            "  picoloop fade --pin 16 --period 2s --sim",
            "  picoloop fade --pin red --period 500ms --count 5"})
final class FadeCommand extends PwmOutputCommand {

    /** Two fade steps each half: shorter is a flicker, not a fade. */
    static final Duration MIN_PERIOD = Duration.ofMillis(4L * Protocol.FADE_STEP_MS);
    /** Each half is one fade: the board's longest. */
    static final Duration MAX_PERIOD = Duration.ofMillis(2L * Protocol.PWM_RUN_MAX_MS);

    @Option(names = "--period", paramLabel = "TIME", defaultValue = "2s", converter = DurationConverter.class,
            description = "One fade up and down, e.g. 2s, 500ms; " + 4 * Protocol.FADE_STEP_MS + "ms to "
                    + 2 * Protocol.PWM_RUN_MAX_MS / 60_000 + "m. Default: ${DEFAULT-VALUE}.")
    Duration period;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N fades up and down.")
    Long count;

    private long fades;

    @Override
    void validate() {
        super.validate();
        BoardSession.checkStopLimits(count, stopAfter.duration);
        if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
            throw new CliFailure(ExitCode.USAGE, "--period " + period.toMillis() + " ms is out of range: use "
                    + MIN_PERIOD.toMillis() + "ms to " + MAX_PERIOD.toMinutes() + "m");
        }
    }

    @Override
    void drive(BoardSession session, PwmPin output) throws Exception {
        session.endLine();
        out().printf("%s fading up and down every %d ms (%d Hz) on %s%s%n", label, period.toMillis(),
                output.frequencyHz(), session.board().pico().description(),
                count == null && stopAfter.duration == null ? "; Ctrl-C to stop" : "");
        out().flush();
        // whole ms: the board's fade time; the two halves make the period
        Duration half = Duration.ofMillis(period.toMillis() / 2);
        try {
            Async.waitFor(stopAfter.orLongest(), () -> {
                while (count == null || fades < count) {
                    output.fade(0, 1, half);
                    Async.sleep(half);
                    output.fade(1, 0, half);
                    Async.sleep(half);
                    fades++;
                }
                return null;
            });
        } catch (TaskTimeoutException timeUp) {
            // --duration ended
        }
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        out().printf("%s faded %d time%s (period %d ms)%s%n", label, fades, fades == 1 ? "" : "s", period.toMillis(),
                leftLow(session, stoppedBy));
    }
}
