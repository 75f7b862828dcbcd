package io.picoloop.cli;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceException;
import io.picoloop.loop.Async;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.LoopReporter;
import io.picoloop.loop.StopOnSignal;
import io.picoloop.loop.TaskBody;
import io.picoloop.protocol.PinId;
import io.picoloop.sim.SimConsole;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One board command's run: the connected board, the loop its tasks run on, Ctrl-C handling and,
 * on the simulated board, the keyboard as a button. Closing it switches the board's outputs off
 * first and only then lets a pending Ctrl-C end the JVM.
 *
 * <p>The client's warnings go to stderr, one line each, except the one that says the link is
 * lost (unplugged, reset): while the command runs, that one stops it at once as Ctrl-C would (its
 * tasks are cancelled wherever they wait, their finally blocks run) and becomes the command's
 * failure, so a command that only sleeps or listens ends too, and the loss is said once.
 */
final class BoardSession implements AutoCloseable {

    /** The simulated board's keys, as the commands' help names them (SimConsole has the whole set). */
    static final String SIM_KEYS = "space = press/release, b = bouncy, q = quit";

    private final ConnectedBoard board;
    private final EventLoop loop;
    private final StopOnSignal ctrlC;
    /** On the simulated board, once opened: its outputs on screen, the keyboard as its buttons. */
    private SimConsole console;
    /** A program's panel: its last frame shows the outputs switched off (a command's last line is its summary). */
    private boolean panelShowsTheEnd;
    /** The loss said once: as the run's failure, or as the client's warning. */
    private final LossSaidOnce loss = new LossSaidOnce();

    private BoardSession(ConnectedBoard board, EventLoop loop, StopOnSignal ctrlC) {
        this.board = board;
        this.loop = loop;
        this.ctrlC = ctrlC;
    }

    static BoardSession open(BoardOptions options, PrintWriter err) {
        ConnectedBoard board = options.connect(err);
        EventLoop loop = EventLoop.create();
        warmUp(loop);
        BoardSession session = new BoardSession(board, loop, CtrlC.install(loop, board, Duration.ofSeconds(5)));
        // what the client has to say beside the requests: an old bridge without keepalive, the
        // board switching its outputs off because this process stalled, a board restart, the link lost
        board.pico().whenLost().thenAccept(session::lost);      // (before the warning saying the same)
        board.pico().onWarning(w -> session.warned(w, err));
        // the watchdog's line (its own thread) starts a line of its own, after the panel's redrawn one
        loop.setReporter(LoopReporter.lines(line -> {
            session.endLine();
            err.println(line);
            err.flush();
        }));
        return session;
    }

    /**
     * The JVM's first formatted line, first task, await and sleep load and link a few hundred
     * classes: 100-200 ms on a busy Pi, which the loop's watchdog would otherwise report as the
     * command's first task holding the loop. Done here, before the command's tasks, unwatched.
     */
    private static void warmUp(EventLoop loop) {
        String.format("%d %s %.1f", 0, "", 0.0);
        Duration threshold = loop.blockingThreshold();
        loop.setBlockingThreshold(Duration.ofDays(1));
        CompletableFuture<Void> answer = new CompletableFuture<>();     // as a device reply: from another thread
        loop.runUntilComplete(loop.spawn("picoloop start-up", () -> {
            Thread.ofPlatform().daemon().start(() -> answer.complete(null));
            Async.await(answer);
            Async.sleepMs(1);
        }));
        loop.setBlockingThreshold(threshold);
    }

    /** The link is lost (client's callback thread): a run under way or ahead stops, and fails with it. */
    private void lost(DeviceDisconnectedException e) {
        if (loss.lost(e) != null) {
            loop.requestStop();     // as Ctrl-C: cancels the tasks wherever they wait (before the run: at its start)
        }
    }

    /** A warning from the client, on its callback thread. */
    private void warned(String warning, PrintWriter err) {
        if (loss.news(warning)) {
            err.println("picoloop: " + warning);
            err.flush();
        }
    }

    /**
     * The run is over; {@code failure} is how it failed (null: it did not). Returns the link's loss
     * if that stopped it.
     */
    private DeviceException runOver(RuntimeException failure) {
        return loss.runOver(failure);
    }

    ConnectedBoard board() {
        return board;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * On the simulated board, shows its outputs (a redrawn line when stdout is a terminal, a line
     * per change otherwise) and lets keys on a terminal, or lines on stdin, press the buttons the
     * command watches; {@code q}/{@code quit} stops the run, as Ctrl-C would. Call it once the
     * button is watched, or a first press is lost. True when single keys act (stdin is a terminal):
     * the console has said which. On a real board nothing: the board shows itself.
     */
    boolean openConsole(PrintWriter out, PrintWriter err) {
        return openConsole(out, err, false);
    }

    /** {@link #openConsole(PrintWriter, PrintWriter)}; {@code clickKeys}: a key presses and releases at once. */
    boolean openConsole(PrintWriter out, PrintWriter err, boolean clickKeys) {
        return openConsole(out, err, true, clickKeys);
    }

    /**
     * {@link #openConsole} for a program ({@link io.picoloop.Picoloop}), before it runs: the panel
     * names the pins as the simulator's console does by default.
     */
    void openPanel(PrintWriter out, PrintWriter err) {
        openConsole(out, err, false, false);
        panelShowsTheEnd = true;
    }

    private boolean openConsole(PrintWriter out, PrintWriter err, boolean gpNames, boolean clickKeys) {
        if (board.simulator().isEmpty()) {
            return false;
        }
        if (!Async.inTask()) {
            console = newConsole(out, err, gpNames, clickKeys);
        } else {
            // opening runs stty and loads the panel's classes: blocking work, kept off the loop
            CompletableFuture<SimConsole> opening = CompletableFuture.supplyAsync(() -> newConsole(out, err, gpNames, clickKeys),
                    r -> Thread.ofPlatform().daemon().name("picoloop-console").start(r));
            try {
                console = Async.await(opening);
            } catch (CancelledException e) {
                opening.thenAccept(SimConsole::close);      // opened all the same: give the terminal back
                throw e;
            }
        }
        return console.takesKeys();
    }

    private SimConsole newConsole(PrintWriter out, PrintWriter err, boolean gpNames, boolean clickKeys) {
        SimConsole.Builder panel = SimConsole.builder(board.simulator().orElseThrow()).out(out).err(err)
                .onQuit(loop::requestStop);
        if (gpNames) {
            panel.pinNames(PinId::toString);     // as the command names pins: GP25 on a Pico, as in its other lines
        }
        return (clickKeys ? panel.clickKeys() : panel).open();
    }

    /** Ends the simulated board's redrawn line, if one is open, so the command's next line starts on its own. */
    void endLine() {
        if (console != null) {
            console.endLine();
        }
    }

    /** The {@code --count} and {@code --duration} a command may stop after (blink, watch), as usage errors. */
    static void checkStopLimits(Long count, Duration duration) {
        if (count != null && count < 1) {
            throw new CliFailure(ExitCode.USAGE, "--count must be 1 or more");
        }
        if (duration != null && duration.isZero()) {
            throw new CliFailure(ExitCode.USAGE, "--duration must be longer than 0");
        }
    }

    /**
     * Runs {@code main} on the loop until it ends. Returns true when Ctrl-C or a kill signal stopped
     * it (the loop cancelled its tasks, whose finally blocks have run; {@link CtrlC}); quitting with
     * the q key is not a stop.
     *
     * @throws DeviceDisconnectedException when the link was lost while it ran: that stopped it (the
     *                                     same way), and what its tasks then failed with is suppressed
     */
    boolean runStoppedBySignal(TaskBody<?> main) {
        boolean stopped;
        try {
            loop.run(main);
            stopped = false;
        } catch (CancelledException e) {
            stopped = ctrlC.fired();      // else q on the simulator's keyboard, or the link's loss (below)
        } catch (RuntimeException e) {
            if (ctrlC.fired() && !board.pico().isConnected()) {
                // Ctrl-C while the board is away: the cleanup's off could not reach it; the run
                // was stopped, not failed, and the command still says what it did
                runOver(e);
                return true;
            }
            DeviceException lost = runOver(e);
            if (lost != null) {
                lost.addSuppressed(e);
                throw lost;
            }
            throw e;
        }
        DeviceException lost = runOver(null);
        if (lost != null) {
            throw lost;
        }
        return stopped;
    }

    /** The switch-off, while the panel still shows it; if the board does not answer, the board's close says so. */
    private void switchOffShown() {
        try {
            if (board.pico().isConnected()) {
                board.pico().allOff();
            }
        } catch (RuntimeException e) {
            // ConnectedBoard.close sends it again and reports what it knows of the outputs
        }
    }

    @Override
    public void close() {
        if (console != null) {
            if (panelShowsTheEnd) {
                switchOffShown();
            }
            console.close();    // a command's: the outputs' switch-off below is after its last line
        }
        try {
            board.close();
        } finally {
            ctrlC.release();
        }
    }
}
