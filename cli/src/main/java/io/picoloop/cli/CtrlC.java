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
 */
final class CtrlC {

    private final CountDownLatch boardClosed = new CountDownLatch(1);

    private CtrlC() {
    }

    static CtrlC install(EventLoop loop, Board board, Duration grace) {
        CtrlC c = new CtrlC();
        Thread hook = Thread.ofPlatform().name("picoloop-ctrl-c").unstarted(() -> {
            if (c.boardClosed.getCount() == 0) {
                return;     // a normal exit: nothing left to stop
            }
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
