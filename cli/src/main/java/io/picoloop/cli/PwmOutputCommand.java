package io.picoloop.cli;

import io.picoloop.device.DeviceErrorException;
import io.picoloop.device.PwmPin;
import io.picoloop.loop.Async;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.PinLabels;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that drives one PWM output (pwm, fade): its {@code --pin}, {@code --freq} and
 * {@code --duration}, the pin named as the profile names it, the simulated board's panel opened,
 * and the output driven low in the run's own finally (so the panel shows it, on every end: the
 * run's end, Ctrl-C, a failure; the session's close switches every output off again after).
 */
abstract class PwmOutputCommand extends BoardCommand {

    @Option(names = "--pin", paramLabel = "PIN", required = true,
            description = "The PWM output: a GPIO (16, GP16), LED, or a name from the profile (red).")
    String pin;

    @Mixin
    PwmFrequency frequency;

    @Mixin
    StopAfter stopAfter;

    /** Set by {@link #prepare}. */
    PinId pinId;
    /** {@code GP16}, or {@code GP16 (red)} when the profile names it. */
    String label;

    @Override
    void validate() {
        frequency.checked();
        BoardSession.checkStopLimits(null, stopAfter.duration);
    }

    @Override
    void prepare(BoardSession session) {
        pinId = session.board().pin(pin);
        label = named(session.board(), boardOptions, pinId);
    }

    /** {@code GP16}, or {@code GP16 (red)} when the profile names it. */
    static String named(ConnectedBoard board, BoardOptions options, PinId pin) {
        String gp = board.label(pin);
        String named = PinLabels.of(options.profile(), board.wired(PinId.LED)).name(board.wired(pin));
        return named.equals(gp) ? gp : gp + " (" + named + ")";
    }

    @Override
    void run(BoardSession session) throws Exception {
        PwmPin output = session.board().pico().pwm(pinId, frequency.checked());
        session.openConsole(out(), err());
        try {
            drive(session, output);
        } finally {
            leaveLow(session, output);
        }
    }

    /** Drives the output low, if the board is there to hear it. */
    static void leaveLow(BoardSession session, PwmPin output) {
        if (!session.board().pico().isConnected()) {
            return;
        }
        try {
            output.off();
        } catch (DeviceErrorException e) {
            // Ctrl-C's immediate off already ended the PWM output, so the board refuses "pwm <pin> off":
            // every output low is what was asked, and the summary must still be printed
            session.board().pico().allOff();
        }
    }

    /** Drives the output until the command's end; returns (or is cancelled) and the output goes low. */
    abstract void drive(BoardSession session, PwmPin output) throws Exception;

    /** Until --duration is over, or for good (Ctrl-C, q, the end of a script or the link's loss stops it). */
    void hold() {
        Async.sleep(stopAfter.orLongest());
    }

    /** The end of the summary: how it was stopped, and that the output was left low. */
    static String leftLow(BoardSession session, String stoppedBy) {
        return (stoppedBy != null ? ", " + stoppedBy : "") + "; "
                + (session.board().pico().isConnected() ? "left low" : "the board was away, so it could not be switched off");
    }
}
