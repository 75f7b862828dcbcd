package io.picoloop.pi4j;

import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Stands in for the Pi's own GPIO in tests. Pi4J 4 has no mock plugin on Maven Central
 * (com.pi4j:pi4j-plugin-mock stops at 3.0.3), so this is a minimal one, found by
 * {@code ServiceLoader} like any plugin and, like Pi4J's mock, marked {@link #isMock()}: Pi4J's
 * auto context loads mock plugins when it does not run on a Raspberry Pi. Provider ids
 * {@value #OUTPUT_ID} and {@value #INPUT_ID}, priority 0 (the default).
 */
public final class PiGpioStandIn implements Plugin {

    static final String OUTPUT_ID = "pi-stand-in-digital-output";
    static final String INPUT_ID = "pi-stand-in-digital-input";

    /** How long {@link Input#drive} waits for the listeners, so a stuck listener fails a test, not CI. */
    static final Duration LISTENER_DEADLINE = Duration.ofSeconds(10);

    @Override
    public void initialize(PluginService service) {
        service.register(new OutputProvider(), new InputProvider());
    }

    @Override
    public boolean isMock() {
        return true;
    }

    static final class OutputProvider extends DigitalOutputProviderBase {
        OutputProvider() {
            super(OUTPUT_ID, "Pi GPIO stand-in output");
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            var out = new DigitalOutputBase(this, config) { };
            context.registry().add(out);
            return out;
        }
    }

    static final class InputProvider extends DigitalInputProviderBase {
        InputProvider() {
            super(INPUT_ID, "Pi GPIO stand-in input");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            var in = new Input(this, config);
            context.registry().add(in);
            return in;
        }
    }

    /**
     * An input whose level the test sets; Pi4J-style, listeners run on another thread. It counts
     * {@link #addListener} calls, and a test waits until the code under test listens before it
     * presses (a press nobody listens to is lost, on a real Pi too).
     */
    static final class Input extends DigitalInputBase {
        private volatile DigitalState state;
        private final Object added = new Object();
        private int listenersAdded; // guarded by added

        Input(InputProvider provider, DigitalInputConfig config) {
            super(provider, config);
            state = config.pull() == com.pi4j.io.gpio.digital.PullResistance.PULL_UP
                    ? DigitalState.HIGH : DigitalState.LOW;
        }

        @Override
        public DigitalState state() {
            return state;
        }

        @Override
        public DigitalInput addListener(DigitalStateChangeListener... listener) {
            super.addListener(listener);
            synchronized (added) {
                listenersAdded += listener.length;
            }
            return this;
        }

        /** Waits until {@link PiInputs} has begun {@code n} waits on this input in all (a bounded wait). */
        void awaitWaitsBegun(int n, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (PiInputs.waitsBegun(this) < n) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("only " + PiInputs.waitsBegun(this) + " of " + n
                            + " waits began on " + id() + " within " + timeout);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);   // poll the condition
            }
        }

        /** How many listeners were added to this input (Pi4J's FFM provider starts a thread for each). */
        int listenersAdded() {
            synchronized (added) {
                return listenersAdded;
            }
        }

        /**
         * The outside world drives the pin; listeners are called on a thread of their own, and
         * this returns when they have returned. A listener that does not return within
         * {@link #LISTENER_DEADLINE} fails the caller with the event thread's stack.
         */
        void drive(DigitalState s) {
            Thread t = Thread.ofPlatform().daemon().name("pi4j-standin-event").start(() -> {
                if (state != s) {
                    state = s;
                    dispatch(new DigitalStateChangeEvent<>(this, s));
                }
            });
            try {
                if (!t.join(LISTENER_DEADLINE)) {
                    String stack = Arrays.stream(t.getStackTrace()).map(f -> "\tat " + f)
                            .collect(Collectors.joining("\n"));
                    throw new AssertionError("a listener of " + id() + " did not return within "
                            + LISTENER_DEADLINE + " of " + s + "; the event thread:\n" + stack);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while driving " + id(), e);
            }
        }
    }
}
