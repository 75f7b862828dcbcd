package io.picoloop.cli;

import io.picoloop.loop.EventLoop;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a board command: asks the loop to stop (its tasks are cancelled in order and their
 * finally blocks switch things off), then holds the JVM until the command has closed the board,
 * at most {@code grace}. With a serial board the hook runs before jSerialComm closes the ports.
 *
 * <p>It is a shutdown hook, so {@code kill} (SIGTERM) and a closed terminal (SIGHUP) stop the
 * command the same way, and the hook cannot tell which signal it was: what the commands print
 * ({@link #STOPPED}) names both; the exit code tells them apart (130 Ctrl-C, 143 SIGTERM). Telling
 * them apart in the text would take sun.misc.Signal, an unsupported API that replaces the JVM's
 * own handlers, for one word.
 */
final class CtrlC {

    /** How a command's last line says a signal stopped it. */
    static final String STOPPED = "stopped by Ctrl-C or a kill signal";

    private final CountDownLatch boardClosed = new CountDownLatch(1);

    private CtrlC() {
    }

    static CtrlC install(EventLoop loop, Board board, Duration grace) {
        CtrlC c = new CtrlC();
        Thread hook = Thread.ofPlatform().name("picoloop-ctrl-c").unstarted(() -> {
            if (c.boardClosed.getCount() == 0) {
                return;     // a normal exit: nothing left to stop
            }
            board.pico().stopWaitingForBoard();     // a board that is away: the cleanup must not wait for it
            loop.requestStop();
            try {
                c.boardClosed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (board.simulator().isPresent()) {
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            SerialTransport.addShutdownHook(hook);
        }
        return c;
    }

    /** The board is closed (outputs low): the JVM may end. */
    void boardClosed() {
        boardClosed.countDown();
    }
}
