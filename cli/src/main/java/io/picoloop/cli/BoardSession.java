package io.picoloop.cli;

import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.TaskBody;
import io.picoloop.protocol.PinId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One board command's run: the connected board, the loop its tasks run on, Ctrl-C handling and,
 * on the simulated board, the keyboard as a button. Closing it switches the board's outputs off
 * first and only then lets a pending Ctrl-C end the JVM.
 */
final class BoardSession implements AutoCloseable {

    private final Board board;
    private final EventLoop loop;
    private final CtrlC ctrlC;
    private final AtomicBoolean quit = new AtomicBoolean();
    private SimKeys keys;

    private BoardSession(Board board, EventLoop loop, CtrlC ctrlC) {
        this.board = board;
        this.loop = loop;
        this.ctrlC = ctrlC;
    }

    static BoardSession open(BoardOptions options, PrintWriter err) {
        Board board = options.connect(err);
        EventLoop loop = EventLoop.create();
        return new BoardSession(board, loop, CtrlC.install(loop, board, Duration.ofSeconds(5)));
    }

    Board board() {
        return board;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * On the simulated board, keys on a terminal (or lines on stdin) press the button on
     * {@code pin}, once {@link #startKeys()} is called. True when single keys act (stdin is a
     * terminal on the simulated board): the command says which keys.
     */
    boolean keyboardButton(PinId pin, PrintWriter err) {
        keys = SimKeys.ifSimulated(board, pin, loop, quit, err);
        return keys != null && keys.onTerminal();
    }

    /** Lets the keyboard press the button: call it once the button is watched, or a first press is lost. */
    void startKeys() {
        if (keys != null) {
            keys.start();
        }
    }

    /**
     * Runs {@code main} on the loop until it ends. Returns true when Ctrl-C stopped it (the loop
     * cancelled its tasks, whose finally blocks have run); quitting with the q key is not a stop.
     */
    boolean runStoppedByCtrlC(TaskBody<?> main) {
        try {
            loop.run(main);
            return false;
        } catch (CancelledException e) {
            return !quit.get();
        }
    }

    @Override
    public void close() {
        try {
            board.close();
        } finally {
            if (keys != null) {
                keys.close();
            }
            ctrlC.boardClosed();
        }
    }
}
