package io.picoloop.cli;

import io.picoloop.device.OutputPin;
import io.picoloop.loop.CancelledException;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.StopOnSignal;
import io.picoloop.loop.Task;
import io.picoloop.protocol.PinId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code picoloop blink --all}: the same pin on every connected board (a room of boards on one
 * computer), one task per board on one loop, all on one grid. Each board has its own link and is
 * waited for on its own when it is replugged; Ctrl-C stops them all and switches each one off.
 */
final class BlinkEveryBoard {

    private BlinkEveryBoard() {
    }

    /** Blinks {@code pin} on each board until {@code count} flashes or {@code duration}; closes the boards. */
    static int run(List<ConnectedBoard> boards, String pin, long periodMs, long onMs, Long count, Duration duration,
                   PrintWriter out, PrintWriter err) {
        return run(EventLoop.create(), boards, pin, periodMs, onMs, count, duration, out, err);
    }

    /** As above, on {@code loop} (a test's virtual clock). */
    static int run(EventLoop loop, List<ConnectedBoard> boards, String pin, long periodMs, long onMs, Long count,
                   Duration duration, PrintWriter out, PrintWriter err) {
        List<StopOnSignal> ctrlC = new ArrayList<>();
        for (ConnectedBoard b : boards) {
            ctrlC.add(CtrlC.install(loop, b, Duration.ofSeconds(5)));
            b.pico().onWarning(w -> {
                err.println("picoloop: " + w);
                err.flush();
            });
        }
        // each board keeps blink's own schedule: missed flashes skipped and counted, the duration a bound
        List<Blinker> blinkers = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            blinkers.add(new Blinker(Duration.ofMillis(periodMs).toNanos(), Duration.ofMillis(onMs).toNanos(), count));
        }
        boolean stopped = false;
        RuntimeException failure = null;
        try {
            loop.run(() -> {
                long start = loop.nowNanos();
                long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < boards.size(); i++) {
                    ConnectedBoard board = boards.get(i);
                    PinId pinId = board.pin(pin);
                    Blinker blinker = blinkers.get(i);
                    tasks.add(loop.spawn("blink " + board.pico().description(), () -> {
                        OutputPin led = board.pico().output(pinId);
                        blinker.run(loop, led, start, end, tooSlowSaid(board, pinId, periodMs, err));
                        return null;
                    }));
                }
                for (Task<Void> t : tasks) {
                    t.result();
                }
                return null;
            });
        } catch (CancelledException e) {
            stopped = true;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            for (int i = 0; i < boards.size(); i++) {
                try {
                    boards.get(i).close();
                } catch (RuntimeException e) {
                    err.println("picoloop: " + boards.get(i).pico().description() + ": " + e.getMessage());
                } finally {
                    ctrlC.get(i).release();
                }
            }
        }
        for (int i = 0; i < boards.size(); i++) {
            ConnectedBoard b = boards.get(i);
            long flashes = blinkers.get(i).flashes();
            long skipped = blinkers.get(i).skipped();
            out.printf("%s blinked %d time%s%s on %s (uid %s)%s%n", b.label(b.pin(pin)), flashes,
                    flashes == 1 ? "" : "s", skipped > 0 ? ", " + skipped + " skipped as too late" : "",
                    b.pico().description(), b.pico().identity().uid(), stopped ? ", " + CtrlC.STOPPED : "");
        }
        out.flush();
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    /** Says once for a board that the rate cannot be met there; lit and off show nothing (no panel for a room). */
    private static Blinker.Watcher tooSlowSaid(ConnectedBoard board, PinId pin, long periodMs, PrintWriter err) {
        return new Blinker.Watcher() {
            @Override
            public void lit(long n) {
            }

            @Override
            public void off() {
            }

            @Override
            public void tooSlow() {
                err.println(Blinker.tooSlowLine(board.label(pin), periodMs, board.pico().description()));
                err.flush();
            }
        };
    }
}
