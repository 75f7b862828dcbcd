package io.picoloop.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import io.picoloop.loop.Async;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a picoloop task wait for a Pi4J input (a button on the Pi's own GPIO, or on the Pico through
 * picoloop's provider) the way it waits for anything else: the task parks at the await, other
 * tasks run, and it resumes on the loop when Pi4J reports the change. Pi4J calls its listeners on
 * its own threads; the listener here only completes a future, and {@link Async#await} hands the
 * wake-up to the loop thread-safely.
 *
 * <p>Call these only inside a picoloop task. A cancelled or timed-out wait
 * ({@code Async.waitFor}) removes its listener.
 */
public final class PiInputs {

    private PiInputs() {
    }

    /**
     * Returns once {@code input} is in {@code state}: at once if it is already, else at the next
     * change to it.
     */
    public static void awaitState(DigitalInput input, DigitalState state) {
        CompletableFuture<DigitalState> reached = new CompletableFuture<>();
        DigitalStateChangeListener l = e -> {
            if (e.state() == state) {
                reached.complete(state);
            }
        };
        input.addListener(l);
        try {
            // after addListener, so a change between the check and the await is not lost
            if (input.state() == state) {
                return;
            }
            Async.await(reached);
        } finally {
            input.removeListener(l);
        }
    }

    /** Returns the new state at the next change of {@code input}. */
    public static DigitalState awaitChange(DigitalInput input) {
        CompletableFuture<DigitalState> changed = new CompletableFuture<>();
        DigitalStateChangeListener l = e -> changed.complete(e.state());
        input.addListener(l);
        try {
            return Async.await(changed);
        } finally {
            input.removeListener(l);
        }
    }

    /**
     * A press of a button wired to ground with a pull-up (the usual wiring): waits until it is
     * released if it is held, then for the next press (LOW). Returns when pressed.
     */
    public static void awaitPress(DigitalInput button) {
        awaitState(button, DigitalState.HIGH);
        awaitState(button, DigitalState.LOW);
    }
}
