package io.picoloop.cli;

import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.TaskBody;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.PinListener;
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
    private PinListener ledListener;

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
     * On the simulated board, draws the LED on {@code pin} from the board's own pin changes, so
     * the screen shows what the pin does, not what a command meant to do. On a real board the
     * LED itself shows it.
     */
    void showLed(PinId pin, LedDisplay display) {
        board.simulator().ifPresent(sim -> {
            PinId wired = board.wired(pin);     // how the simulator names it: LED is GP25 on a Pico
            ledListener = (changed, level, nanos) -> {
                if (changed.equals(wired)) {
                    display.show(level == 1);
                }
            };
            sim.addPinListener(ledListener);
        });
    }

    /** The {@code --count} and {@code --duration} a command may stop after (blink, watch), as usage errors. */
    static void checkStopLimits(Long count, Duration duration) {
        if (count != null && count < 1) {
            throw new CliFailure(FailureReporter.EXIT_USAGE, "--count must be 1 or more");
        }
        if (duration != null && duration.isZero()) {
            throw new CliFailure(FailureReporter.EXIT_USAGE, "--duration must be longer than 0");
        }
    }

    /**
     * Runs {@code main} on the loop until it ends. Returns true when Ctrl-C or a kill signal stopped
     * it (the loop cancelled its tasks, whose finally blocks have run; {@link CtrlC}); quitting with
     * the q key is not a stop.
     */
    boolean runStoppedBySignal(TaskBody<?> main) {
        try {
            loop.run(main);
            return false;
        } catch (CancelledException e) {
            return !quit.get();
        }
    }

    @Override
    public void close() {
        if (ledListener != null) {     // the outputs' switch-off below is after the command's last line
            board.simulator().orElseThrow().removePinListener(ledListener);
        }
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
