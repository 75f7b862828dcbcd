package io.picoloop.cli;

import io.picoloop.device.AnalogInput;
import io.picoloop.device.AnalogReading;
import io.picoloop.device.AnalogStream;
import io.picoloop.device.LostEvents;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.protocol.Protocol;
import io.picoloop.sim.PinDisplay;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * An analog input's value. With {@code --every}, a stream the board times itself ({@code stream}):
 * each sample carries the device time it was taken, so the spacing is the board's, not the host's.
 */
@Command(name = "read",
        description = {"Read an analog input (GP26-28, or temp: the chip's temperature sensor).",
            "Prints the value (0-" + Protocol.ADC_VALUE_MAX + "), percent and volts (°C for temp) with the device time;",
            "with --every, samples timed by the board, as a live bar on a terminal,",
            "until Ctrl-C, --count samples or --duration."},
        footer = {"", "Examples:",
            "  picoloop read --pin 26 --sim",
            "  picoloop read --pin 26 --every 100ms --sim",
            "  picoloop read --pin temp --every 1s --count 10"})
final class ReadCommand extends BoardCommand {

    @Option(names = "--pin", paramLabel = "PIN", required = true,
            description = "The analog input: 26, GP26, a name from the profile, or temp.")
    String pin;

    @Option(names = "--every", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Sample this often, timed by the board, e.g. 100ms, 1s; " + Protocol.STREAM_PERIOD_MIN_MS
                    + "ms to " + Protocol.STREAM_PERIOD_MAX_MS / 1000 + "s, until Ctrl-C, --count or --duration."
                    + " Without it: one reading.")
    Duration every;

    @Option(names = "--count", paramLabel = "N", description = "With --every: stop after N samples.")
    Long count;

    @Mixin
    StopAfter stopAfter;

    /** Set by {@link #prepare}. */
    private AnalogInput input;
    private String label;
    private LiveLine live;
    private long samples;
    private long lost;
    /** The stream began: a failure from then on is summed up too. */
    private boolean streaming;

    @Override
    void validate() {
        BoardSession.checkStopLimits(count, stopAfter.duration);
        if (every == null && (count != null || stopAfter.duration != null)) {
            throw new CliFailure(ExitCode.USAGE, "--count and --duration need --every (without it: one reading)");
        }
        if (every != null && (every.toMillis() < Protocol.STREAM_PERIOD_MIN_MS || every.toMillis() > Protocol.STREAM_PERIOD_MAX_MS)) {
            throw new CliFailure(ExitCode.USAGE, "--every " + every.toMillis() + " ms is out of range: use "
                    + Protocol.STREAM_PERIOD_MIN_MS + "ms to " + Protocol.STREAM_PERIOD_MAX_MS / 1000 + "s");
        }
    }

    @Override
    void prepare(BoardSession session) {
        input = session.board().pico().analog(pin);     // its message names the board's analog inputs
        label = input.input().isTemperature() ? input.input().token() : input.input().toString();
        live = new LiveLine(out(), PinDisplay.stdoutIsTerminal());
    }

    @Override
    void run(BoardSession session) throws Exception {
        session.openConsole(out(), err());
        if (every == null) {
            session.endLine();
            out().println(text(input.read()));
            out().flush();
            return;
        }
        try (AnalogStream stream = input.stream(every)) {
            stream.addLostListener(this::lost);
            session.endLine();
            out().printf("reading %s every %d ms on %s (timed by the board)%s%n", label, every.toMillis(),
                    session.board().pico().description(), count == null && stopAfter.duration == null ? "; Ctrl-C to stop" : "");
            out().flush();
            streaming = true;
            try {
                Async.waitFor(stopAfter.orLongest(), () -> {
                    while (count == null || samples < count) {
                        AnalogReading r = stream.await();      // fails, naming why, if the stream ends
                        samples++;
                        live.show(r.fraction(), text(r));
                    }
                    return null;
                });
            } catch (TaskTimeoutException timeUp) {
                // --duration ended
            }
        }
    }

    private void lost(LostEvents e) {
        synchronized (this) {
            lost += e.count();
        }
        // the board reports a sample it could not take in time; a gap in the sequence is lines lost on the link
        live.line(e.onDevice() ? "lost " + e.count() + " sample" + (e.count() == 1 ? "" : "s") + " (the board could not take them in time)"
                : "lost " + e.count() + " event line" + (e.count() == 1 ? "" : "s") + " on the link");
    }

    /** {@code GP26  19661  30.0%  0.990 V  device 1.234567 s}; the temperature in °C. */
    private String text(AnalogReading r) {
        String reading = input.input().isTemperature() ? String.format(Locale.ROOT, "%.1f °C", r.celsius())
                : String.format(Locale.ROOT, "%.3f V", r.volts());
        return String.format(Locale.ROOT, "%s %5d %5.1f%%  %s  device %.6f s", label, r.value(), r.fraction() * 100, reading,
                r.deviceMicros() / 1e6);
    }

    @Override
    void runEnded() {
        if (live != null) {
            live.close();
        }
    }

    @Override
    boolean sumsUpFailure() {
        return streaming;
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        if (every == null) {
            return;
        }
        long lostNow;
        synchronized (this) {
            lostNow = lost;
        }
        out().printf("%s: %d sample%s, %d lost%s%n", label, samples, samples == 1 ? "" : "s", lostNow,
                stoppedBy != null ? "; " + stoppedBy : "");
    }
}
