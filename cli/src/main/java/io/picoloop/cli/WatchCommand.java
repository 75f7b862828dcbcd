package io.picoloop.cli;

import io.picoloop.button.Button;
import io.picoloop.button.ButtonEvent;
import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceException;
import io.picoloop.device.Pull;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "watch",
        description = {"Watch a button: print each press, release, long press, double click and click",
            "with its device time and host time, until Ctrl-C, --count presses or --duration.",
            "With --sim the keyboard is the button (" + BoardSession.SIM_KEYS + ");",
            "when stdin is not a terminal it reads lines: press, release, bounce, wait <ms>, quit",
            "(the end of the lines quits too)."},
        footer = {"", "Examples:",
            "  picoloop watch --pin 14 --sim",
            "  picoloop watch --pin 14 --pull up --debounce 20 --port /dev/ttyACM0",
            "  picoloop watch --pin 15 --pull down --count 5"})
final class WatchCommand extends BoardCommand {

    @Option(names = "--pin", paramLabel = "PIN", required = true,
            description = "The button's GPIO (14, GP14) or a name from the profile.")
    String pin;

    @Option(names = "--pull", paramLabel = "up|down|none", defaultValue = "up",
            description = "The pull resistor: up for a button to GND (pressed reads 0), down for a button to 3V3. Default: ${DEFAULT-VALUE}.")
    Pull pull;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "20",
            description = "The device's debounce window, 0 to " + Protocol.DEBOUNCE_MAX_MS + " ms. Default: ${DEFAULT-VALUE}.")
    long debounceMs;

    @Option(names = "--long", paramLabel = "MS", defaultValue = "1000",
            description = "Held this long is a long press, 1 to 60000 ms. Default: ${DEFAULT-VALUE}.")
    long longMs;

    @Option(names = "--double", paramLabel = "MS", defaultValue = "400",
            description = "A second press within this time of the first is a double click, 1 to 60000 ms. Default: ${DEFAULT-VALUE}.")
    long doubleMs;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N presses (once the button is released).")
    Long count;

    @Mixin
    StopAfter stopAfter;

    /** Set by {@link #prepare}. */
    private PinId pinId;
    private String label;
    private ButtonPrinter printer;
    /** The watch began: a failure from then on is summed up too. */
    private boolean watching;

    @Override
    void prepare(BoardSession session) {
        pinId = session.board().pin(pin);
        label = session.board().label(pinId);
        printer = new ButtonPrinter(out(), label);
    }

    @Override
    void run(BoardSession session) throws Exception {
        ConnectedBoard board = session.board();
        Button b = Button.on(board.pico(), pinId).pull(pull).activeLow(pull != Pull.DOWN)
                .debounce(Duration.ofMillis(debounceMs)).longPress(Duration.ofMillis(longMs))
                .doubleClick(Duration.ofMillis(doubleMs)).open();
        b.onAny(printer::print);
        b.onLost(printer::print);
        // as the watch began: opening the console awaits, and a script's first press may come meanwhile
        boolean pressedAtStart = b.isPressed();
        // the keys' help line (before this one) says how to stop
        boolean keys = session.openConsole(out(), err());
        out().printf("watching %s (pull %s, debounce %d ms, %s) on %s: it reads %s%s%n", label,
                pull.token(), debounceMs, pull == Pull.DOWN ? "pressed = high" : "pressed = low",
                board.pico().description(), pressedAtStart ? "pressed" : "released",
                !keys && count == null && stopAfter.duration == null ? "; Ctrl-C to stop" : "");
        out().flush();
        printer.begin();
        watching = true;
        try {
            watch(b, printer, board);
        } catch (TaskTimeoutException timeUp) {
            // --duration ended (before --count)
        } finally {
            b.close();
        }
    }

    /** No watch began: nothing to sum up. */
    @Override
    boolean sumsUpFailure() {
        return watching;
    }

    @Override
    void summarize(BoardSession session, String stoppedBy) {
        printer.begin();        // (a failure before the watch's line: what it held comes before the summary)
        out().println(printer.summary() + (stoppedBy != null ? "; " + stoppedBy : ""));
    }

    /**
     * Waits, in the command's task, until --count presses (once released) or --duration, or the
     * watch ends by itself: the link lost, the board restarted or its keepalive ran out. Then
     * nothing is watched any more, so that is the command's failure.
     *
     * @throws TaskTimeoutException when --duration ends
     */
    private void watch(Button b, ButtonPrinter printer, ConnectedBoard board) throws Exception {
        if (count != null) {
            // each await fails (naming why) if the watch ends meanwhile
            Async.waitFor(stopAfter.orLongest(), () -> {
                while (printer.count(ButtonEvent.Kind.PRESS) < count || b.isPressed()) {
                    if (b.isPressed()) {
                        b.awaitRelease();
                    } else {
                        b.awaitPress();
                    }
                }
                // a click shows once its window has closed on the device clock
                Async.sleep(Duration.ofMillis(doubleMs).plus(Button.VERDICT_DELAY));
                return null;
            });
            return;
        }
        String why = stopAfter.duration == null ? b.awaitEnd() : Async.waitFor(stopAfter.duration, b::awaitEnd);
        throw board.pico().isConnected() ? new DeviceException(why) : new DeviceDisconnectedException(why, null);
    }

    @Override
    void validate() {
        if (debounceMs < 0 || debounceMs > Protocol.DEBOUNCE_MAX_MS) {
            throw new CliFailure(ExitCode.USAGE, "--debounce " + debounceMs + " must be 0 to " + Protocol.DEBOUNCE_MAX_MS + " ms");
        }
        if (longMs < 1 || doubleMs < 1 || longMs > 60_000 || doubleMs > 60_000) {
            throw new CliFailure(ExitCode.USAGE, "--long and --double must be 1 to 60000 ms (a minute)");
        }
        BoardSession.checkStopLimits(count, stopAfter.duration);
    }
}
