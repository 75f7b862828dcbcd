package io.picoloop.testing;

import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.sim.SimulatedPico;
import java.util.concurrent.CompletableFuture;

/** For tests on a virtual clock: the simulated board's edges reach the loop before its clock moves on. */
public final class SimEdges {

    private SimEdges() {
    }

    /**
     * In a task: runs the board's due timers, then waits until what it has sent is handled on the
     * loop. A ping is answered after the edge lines, so their posts are in the loop's inbox before
     * its reply; a marker posted then runs after them (the ping may complete before the task looks,
     * and then the task never parks and the inbox is not drained).
     */
    public static void delivered(SimulatedPico sim, Pico pico, EventLoop loop) {
        sim.pollTimers();
        pico.ping();
        CompletableFuture<Void> marker = new CompletableFuture<>();
        loop.post(() -> marker.complete(null));
        Async.await(marker);
    }
}
