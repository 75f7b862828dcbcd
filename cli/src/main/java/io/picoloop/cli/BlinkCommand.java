package io.picoloop.cli;

import io.picoloop.device.OutputPin;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.PinDisplay;
import io.picoloop.sim.PinLabels;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "blink",
        description = {"Blink a pin: on for part of each period, off for the rest.",
            "Runs until Ctrl-C, --count flashes or --duration; the pin is left low."},
        footer = {"", "Examples:",
            "  picoloop blink --pin 25 --period 500 --sim",
            "  picoloop blink --pin LED --period 200 --on 20 --count 10",
            "  picoloop blink --pin red --duty 10 --duration 30s --port /dev/ttyACM0"})
final class BlinkCommand extends BoardCommand {

    static final long MIN_PERIOD_MS = 10;
    /** An hour: slower than that is a timer switch, not a blink (and far from overflowing the nanosecond clock). */
    static final long MAX_PERIOD_MS = 3_600_000;

    @Option(names = "--pin", paramLabel = "PIN", defaultValue = "LED",
            description = "GPIO number (25, GP25), LED, or a name from the profile (red, yellow, green). Default: ${DEFAULT-VALUE}.")
    String pin;

    @Option(names = "--period", paramLabel = "MS", defaultValue = "500",
            description = "The whole on+off cycle in ms (500: one flash every half second), 10 to 3600000 (an hour)."
                    + " Default: ${DEFAULT-VALUE}.")
    long periodMs;

    @ArgGroup(exclusive = true)
    OnTime onTime;

    static final class OnTime {
        @Option(names = "--on", paramLabel = "MS", description = "How long the pin is on in each period, in ms: 1 to the period less 1.")
        Long onMs;

        @Option(names = "--duty", paramLabel = "PERCENT", description = "The share of each period the pin is on, 1 to 99. Default: 50.")
        Integer dutyPercent;
    }

    @Option(names = "--count", paramLabel = "N", description = "Stop after N flashes.")
    Long count;

    @Mixin
    StopAfter stopAfter;

    @Option(names = "--all", description = "Blink the pin on every board on USB where the bridge answers "
            + "(a room of boards on one computer), all on one loop.")
    boolean all;

    @Option(names = "--stats", description = "Print the scheduler's statistics at the end: task run time, switches, timer lateness.")
    boolean stats;

    /** How long each flash is on: --on, --duty or half the period (set by {@link #validate}). */
    private long onMs;
    /** Set by {@link #prepare}. */
    private PinId pinId;
    private String label;
    private PinDisplay display;
    private Blinker blinker;

    /** With --all, every board on its own link and one loop (BlinkEveryBoard), not one board's session. */
    @Override
    public Integer call() {
        if (!all) {
            return super.call();
        }
        validate();
        return BlinkEveryBoard.run(boardOptions.connectAll(err()), pin, periodMs, onMs, count, stopAfter.duration, out(), err());
    }

    @Override
    void validate() {
        onMs = validatedOnMs();
    }

    @Override
    void prepare(BoardSession session) {
        ConnectedBoard board = session.board();
        pinId = board.pin(pin);
        label = board.label(pinId);
        boolean terminal = PinDisplay.stdoutIsTerminal();
        // drawn from what the command does, on a real board as on the simulated one; named as the
        // command names pins (GP16); lit in the colour the profile names it after
        display = new PinDisplay(out(), terminal, PinId::toString, PinDisplay.colourWanted(terminal)
                ? PinLabels.of(boardOptions.profile(), board.wired(PinId.LED))::colour : p -> null);
        blinker = new Blinker(Duration.ofMillis(periodMs).toNanos(), Duration.ofMillis(onMs).toNanos(), count);
    }

    @Override
    void run(BoardSession session) {
        ConnectedBoard board = session.board();
        PinId wired = board.wired(pinId);
        Blinker.Watcher shown = new Blinker.Watcher() {
            @Override
            public void lit(long n) {
                display.note("flash " + n);
                display.show(wired, true);
            }

            @Override
            public void off() {
                display.show(wired, false);    // the last frame shows it off, as the summary says
            }

            @Override
            public void tooSlow() {
                display.endLine();
                err().println(Blinker.tooSlowLine(label, periodMs, board.pico().description()));
                err().flush();
            }
        };
        EventLoop loop = session.loop();
        OutputPin led = board.pico().output(pinId);
        blinker.run(loop, led, stopAfter.duration == null ? Long.MAX_VALUE : loop.nowNanos() + stopAfter.duration.toNanos(), shown);
    }

    /** Ended also when the board fails: its one-line error must not land on the LED's line. */
    @Override
    void runEnded() {
        display.close();
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        ConnectedBoard board = session.board();
        long flashes = blinker.flashes();
        out().printf("%s blinked %d time%s (period %d ms, on %d ms)%s on %s%s; %s%n", label, flashes,
                flashes == 1 ? "" : "s", periodMs, onMs,
                blinker.skipped() > 0 ? ", " + blinker.skipped() + " skipped as too late" : "",
                board.pico().description(), stoppedBy != null ? ", " + stoppedBy : "",
                board.pico().isConnected() ? "left off" : "the board was away, so it could not be switched off");
        if (stats) {
            out().print(session.loop().stats());
        }
    }

    private long validatedOnMs() {
        if (periodMs < MIN_PERIOD_MS) {
            throw new CliFailure(ExitCode.USAGE, "--period " + periodMs + " is too short: use at least "
                    + MIN_PERIOD_MS + " ms (each change is a round trip over USB)");
        }
        if (periodMs > MAX_PERIOD_MS) {
            throw new CliFailure(ExitCode.USAGE, "--period " + periodMs + " is too long: use at most "
                    + MAX_PERIOD_MS + " ms (an hour)");
        }
        BoardSession.checkStopLimits(count, stopAfter.duration);
        if (onTime == null) {
            return periodMs / 2;
        }
        if (onTime.dutyPercent != null) {
            if (onTime.dutyPercent < 1 || onTime.dutyPercent > 99) {
                throw new CliFailure(ExitCode.USAGE, "--duty " + onTime.dutyPercent + " must be 1 to 99 (percent of the period)");
            }
            return Math.max(1, periodMs * onTime.dutyPercent / 100);
        }
        if (onTime.onMs < 1 || onTime.onMs >= periodMs) {
            throw new CliFailure(ExitCode.USAGE, "--on " + onTime.onMs + " must be between 1 and "
                    + (periodMs - 1) + " ms (shorter than --period " + periodMs + ")");
        }
        return onTime.onMs;
    }
}
