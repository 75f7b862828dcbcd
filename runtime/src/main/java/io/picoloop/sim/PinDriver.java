package io.picoloop.sim;

import io.picoloop.protocol.PinId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The board's GPIO (the firmware's bridge_pins.PinDriver): what each pin is set up as, what an output
 * drives, what the outside world puts on an input, and who hears an output change. Pins are
 * already resolved ({@code LED} is {@code GP25} on a Pico). Changes happen under the device lock;
 * the maps are concurrent because a CLI or test reads levels from its own thread.
 */
final class PinDriver {

    private enum Mode { OUT, IN, PWM, ANALOG }

    private record PinState(Mode mode, int level, String pull) {
    }

    private final Clock clock;
    private final Map<PinId, PinState> pins = new ConcurrentHashMap<>();
    /** What a button or wire puts on a pin; it outlives a restart, as the wiring does. */
    private final Map<PinId, Integer> outside = new ConcurrentHashMap<>();
    private final List<PinListener> listeners = new CopyOnWriteArrayList<>();

    PinDriver(Clock clock) {
        this.clock = clock;
    }

    void addListener(PinListener l) {
        listeners.add(l);
    }

    void removeListener(PinListener l) {
        listeners.remove(l);
    }

    /** The level a pin drives (output) or reads (input); empty when it is not set up. */
    OptionalInt level(PinId pin) {
        PinState s = pins.get(pin);
        if (s == null || s.mode() == Mode.PWM || s.mode() == Mode.ANALOG) {
            return OptionalInt.empty(); // no digital level (Pwm, Analog have theirs)
        }
        return OptionalInt.of(s.mode() == Mode.OUT ? s.level() : inputLevel(pin));
    }

    /** The level an output drives; empty when the pin is not an output. */
    OptionalInt outputLevel(PinId pin) {
        PinState s = pins.get(pin);
        return s == null || s.mode() != Mode.OUT ? OptionalInt.empty() : OptionalInt.of(s.level());
    }

    /**
     * The level an input reads now: what the outside world puts on it, else its pull. Without a
     * pull the simulated button to GND has an external pull-up beside it (the wiring that needs no
     * internal pull, and what {@link #pressedLevel} presses against): it reads 1, released.
     */
    int inputLevel(PinId pin) {
        Integer ext = outside.get(pin);
        if (ext != null) {
            return ext;
        }
        PinState s = pins.get(pin);
        return s != null && s.mode() == Mode.IN && !s.pull().equals("down") ? 1 : 0;
    }

    /** A button to the rail opposite the pull: 1 with a pull-down, else 0 (to GND). */
    int pressedLevel(PinId pin) {
        PinState s = pins.get(pin);
        return s != null && s.mode() == Mode.IN && s.pull().equals("down") ? 1 : 0;
    }

    /** Sets what the outside world puts on the pin (null: nothing, it reads its pull). */
    void putOutside(PinId pin, Integer level) {
        if (level == null) {
            outside.remove(pin);
        } else {
            outside.put(pin, level == 0 ? 0 : 1);
        }
    }

    /** The pin follows its PWM slice now (Pwm): no longer an output nor an input. */
    void setUpPwm(PinId pin) {
        pins.put(pin, new PinState(Mode.PWM, 0, "none"));
    }

    /** The pin's pad is an analog input now (Analog): no digital level. */
    void setUpAnalog(PinId pin) {
        pins.put(pin, new PinState(Mode.ANALOG, 0, "none"));
    }

    boolean isAnalog(PinId pin) {
        PinState s = pins.get(pin);
        return s != null && s.mode() == Mode.ANALOG;
    }

    /** What a pin without a digital level is, for a message ("a PWM output"), or null. */
    String analogRole(PinId pin) {
        PinState s = pins.get(pin);
        if (s == null) {
            return null;
        }
        return switch (s.mode()) {
            case PWM -> "a PWM output";
            case ANALOG -> "an analog input (send: adc " + pin.token() + ")";
            default -> null;
        };
    }

    void setUpInput(PinId pin, String pull) {
        pins.put(pin, new PinState(Mode.IN, 0, pull));
    }

    /**
     * Drives an output; returns the clock's time at which it took the level. Listeners hear a
     * set-up even at the same level (a listener that shows levels may ignore a repeat).
     */
    long drive(PinId pin, int level, boolean setup) {
        long now = clock.nanos();
        drive(pin, level, setup, now);
        return now;
    }

    /**
     * Drives several outputs in one instant ({@code write 16 1 19 0 ...}, one store to the GPIO
     * registers on a board): every listener hears each change with the same time, which is
     * returned.
     */
    long driveTogether(Map<PinId, Integer> levels) {
        long now = clock.nanos();
        levels.forEach((pin, level) -> drive(pin, level, false, now));
        return now;
    }

    private void drive(PinId pin, int level, boolean setup, long now) {
        PinState old = pins.put(pin, new PinState(Mode.OUT, level, "none"));
        if (setup || old == null || old.mode() != Mode.OUT || old.level() != level) {
            tell(l -> l.pinChanged(pin, level, now));
        }
    }

    /** Tells the listeners a PWM output's duty (Pwm: when it changes, or the pin becomes one). */
    void tellPwm(PinId pin, int duty, boolean running, long nanos) {
        tell(l -> l.pwmChanged(pin, duty, running, nanos));
    }

    private void tell(Consumer<PinListener> news) {
        for (PinListener l : listeners) {
            try {
                news.accept(l);
            } catch (RuntimeException e) {
                // a listener's bug must not stop the board
            }
        }
    }

    /** Drives every output low ({@code off}); returns how many there were. */
    int allOff() {
        int n = 0;
        for (Map.Entry<PinId, PinState> e : pins.entrySet()) {
            if (e.getValue().mode() == Mode.OUT) {
                n++;
                drive(e.getKey(), 0, false);
            }
        }
        return n;
    }

    /** A reset: every pin back to unconfigured. */
    void forgetSetUp() {
        pins.clear();
    }
}
