package io.picoloop.cli;

import io.picoloop.device.Pico;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.StopOnSignal;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;

/**
 * Ctrl-C for a board command or a program ({@link io.picoloop.Picoloop}): the runtime's
 * {@link StopOnSignal}, registered where it runs before jSerialComm closes the port (with a
 * serial board) or as a plain shutdown hook (the simulated board: no serial library to load).
 *
 * <p>A shutdown hook also runs on {@code kill} (SIGTERM) and a closed terminal (SIGHUP) and cannot
 * tell which signal it was: what the commands print ({@link #STOPPED}) names both; the exit code
 * tells them apart (130 Ctrl-C, 143 SIGTERM). Telling them apart in the text would take
 * sun.misc.Signal, an unsupported API that replaces the JVM's own handlers, for one word.
 */
final class CtrlC {

    /** How a command's last line says a signal stopped it. */
    static final String STOPPED = "stopped by Ctrl-C or a kill signal";

    private CtrlC() {
    }

    static StopOnSignal install(EventLoop loop, ConnectedBoard board, Duration grace) {
        return StopOnSignal.install(loop, grace, board.simulator().isPresent()
                ? Runtime.getRuntime()::addShutdownHook : SerialTransport::addShutdownHook,
                () -> offAtOnce(board.pico()));
    }

    /**
     * On the signal, before the loop is asked to stop: every output off now, not after the tasks'
     * finally blocks have run (each may wait for replies), the loop has closed and the summary is
     * printed. The session's close sends {@code off} again once nothing runs any more, in case a
     * task still being cancelled switched something on meanwhile.
     */
    private static void offAtOnce(Pico pico) {
        pico.stopWaitingForBoard();     // a board that is away: the cleanup must not wait for it
        if (pico.isConnected()) {
            pico.allOffAsync().exceptionally(e -> 0);     // the close's off reports a link that fails
        }
    }
}
