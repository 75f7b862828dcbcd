package io.picoloop.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.picoloop.loop.Async;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Lets a picoloop task wait for a Pi4J input (a button on the Pi's own GPIO, or on the Pico through
 * picoloop's provider) the way it waits for anything else: the task parks at the await, other
 * tasks run, and it resumes on the loop when Pi4J reports the change. Pi4J calls its listeners on
 * its own threads; the listener here only completes a future, and {@link Async#await} hands the
 * wake-up to the loop thread-safely.
 *
 * <p>Each input gets one Pi4J listener, the first time it is waited for, that serves every wait
 * after: Pi4J 4.0.2's FFM provider (the Pi's GPIO) starts a polling thread per {@code addListener}
 * and stops it only at shutdown, so a listener per wait would leave two threads per button press.
 *
 * <p>Call these only inside a picoloop task. A cancelled or timed-out wait
 * ({@code Async.waitFor}) stops waiting; the input's one listener stays.
 */
public final class PiInputs {

    /** The waits on one input, fed by its one Pi4J listener. */
    private static final class Waits {
        final List<Consumer<DigitalState>> waiting = new CopyOnWriteArrayList<>();
        final AtomicInteger begun = new AtomicInteger();
    }

    /** Weak keys: an input its context has shut down and dropped takes its entry with it. */
    private static final Map<DigitalInput, Waits> WAITS = Collections.synchronizedMap(new WeakHashMap<>());

    private PiInputs() {
    }

    private static Waits waitsOn(DigitalInput input) {
        synchronized (WAITS) {
            Waits w = WAITS.get(input);
            if (w == null) {
                Waits created = new Waits();
                input.addListener(e -> created.waiting.forEach(c -> c.accept(e.state())));
                WAITS.put(input, created);
                w = created;
            }
            return w;
        }
    }

    /** How many waits on {@code input} began so far: for a test that must act only once one waits. */
    static int waitsBegun(DigitalInput input) {
        Waits w = WAITS.get(input);
        return w == null ? 0 : w.begun.get();
    }

    /**
     * Returns once {@code input} is in {@code state}: at once if it is already, else at the next
     * change to it.
     */
    public static void awaitState(DigitalInput input, DigitalState state) {
        CompletableFuture<DigitalState> reached = new CompletableFuture<>();
        await(input, reached, s -> {
            if (s == state) {
                reached.complete(s);
            }
        }, () -> input.state() == state);
    }

    /** Returns the new state at the next change of {@code input}. */
    public static DigitalState awaitChange(DigitalInput input) {
        CompletableFuture<DigitalState> changed = new CompletableFuture<>();
        return await(input, changed, changed::complete, () -> false);
    }

    /**
     * A press of a button wired to ground with a pull-up (the usual wiring): waits until it is
     * released if it is held, then for the next press (LOW). Returns when pressed.
     */
    public static void awaitPress(DigitalInput button) {
        awaitState(button, DigitalState.HIGH);
        awaitState(button, DigitalState.LOW);
    }

    private static DigitalState await(DigitalInput input, CompletableFuture<DigitalState> done,
                                      Consumer<DigitalState> onChange, java.util.function.BooleanSupplier already) {
        Waits w = waitsOn(input);
        w.waiting.add(onChange);
        w.begun.incrementAndGet();
        try {
            // after the waiter is in, so a change between the check and the await is not lost
            if (already.getAsBoolean()) {
                return input.state();
            }
            return Async.await(done);
        } finally {
            w.waiting.remove(onChange);
        }
    }
}
