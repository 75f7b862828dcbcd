package io.picoloop.testing;

import io.picoloop.board.BoardModel;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.VirtualClock;
import io.picoloop.sim.SimulatedPico;

/**
 * A simulated Pico, its client and a loop, all on one virtual clock starting at {@link #T0}: an
 * hour of schedule runs in milliseconds and every time is exact.
 */
public final class VirtualBoard implements AutoCloseable {

    public static final long T0 = 1_000_000_000L;

    public final VirtualClock clock = new VirtualClock(T0);
    public final EventLoop loop = EventLoop.create(clock);
    public final SimulatedPico sim = SimulatedPico.start(BoardModel.PICO, clock::nanoTime);
    public final Pico pico = Pico.connect(sim.transport(), DeviceOptions.defaults().withHostClock(clock::nanoTime));

    /** In a task: presses the button on {@code pin}, and the edge has reached the loop on return. */
    public void press(String pin) {
        sim.press(pin);
        SimEdges.delivered(sim, pico, loop);
    }

    /** In a task: lets go of the button on {@code pin}, as {@link #press}. */
    public void release(String pin) {
        sim.release(pin);
        SimEdges.delivered(sim, pico, loop);
    }

    /** Milliseconds of virtual time between {@link #T0} and {@code nanos}. */
    public static long ms(long nanos) {
        return (nanos - T0) / 1_000_000;
    }

    @Override
    public void close() {
        pico.close();
        sim.close();
        if (!loop.isClosed()) {
            loop.close();
        }
    }
}
