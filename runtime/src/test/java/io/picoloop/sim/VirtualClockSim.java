package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.LineCollector;
import java.util.concurrent.atomic.AtomicLong;

/** A simulated Pico on a virtual clock, with what it sends collected: for tests that speak the protocol to it. */
final class VirtualClockSim implements AutoCloseable {

    private static final long BOOT_NANOS = 1_000_000_000L;

    final AtomicLong nanos = new AtomicLong(BOOT_NANOS);
    final SimulatedPico sim;
    final LineCollector in = new LineCollector();

    /** Starts the board and takes its {@code ! boot}. */
    VirtualClockSim(BoardModel board) throws InterruptedException {
        sim = SimulatedPico.start(board, nanos::get, nanos::get); // the keepalive virtual too
        sim.transport().start(in);
        assertTrue(in.next().startsWith("! boot "));
    }

    /** Sends a request; the next line the board sends. */
    String ask(String request) throws InterruptedException {
        sim.transport().send(request);
        return in.next();
    }

    /** Sets the clock to {@code us} microseconds after boot. */
    void at(long us) {
        nanos.set(BOOT_NANOS + us * 1000);
    }

    /** Moves the clock on by {@code ms} and runs the board's timers. */
    void advanceMs(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
        sim.pollTimers();
    }

    @Override
    public void close() {
        sim.close();
    }
}
