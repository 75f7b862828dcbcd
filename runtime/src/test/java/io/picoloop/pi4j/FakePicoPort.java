package io.picoloop.pi4j;

import io.picoloop.device.Pull;
import io.picoloop.protocol.PinId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A {@link PicoPort} that keeps the pins of a Pico in memory, with the protocol's rules (free
 * pins, err mode), and records every request it got. For the Pi4J-side tests that need no link;
 * the same behaviour over the simulated board and the firmware is tested through the device client.
 */
final class FakePicoPort implements PicoPort {

    static final Set<Integer> PICO_PINS = Stream.concat(IntStream.rangeClosed(0, 22).boxed(),
            IntStream.rangeClosed(25, 28).boxed()).collect(Collectors.toUnmodifiableSet());

    private final Map<Integer, String> modes = new HashMap<>();
    private final Map<Integer, Integer> levels = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final Map<Integer, java.util.function.IntConsumer> watchers = new HashMap<>();
    private boolean open = true;
    private boolean closed;

    @Override
    public String description() {
        return "fake Pico";
    }

    @Override
    public String model() {
        return "Raspberry Pi Pico with RP2040";
    }

    @Override
    public Set<Integer> freePins() {
        return PICO_PINS;
    }

    @Override
    public boolean ledIsSeparate() {
        return false;
    }

    private void request(String line) {
        if (!open) {
            throw new Failure(Failure.Kind.LINK, "the link is closed (port vanished)");
        }
        requests.add(line);
    }

    private void pin(int gpio) {
        if (!PICO_PINS.contains(gpio)) {
            throw new Failure(Failure.Kind.PIN, gpio + " is not a free GPIO");
        }
    }

    @Override
    public synchronized void modeOut(PinId pin, int level) {
        int gpio = pin.gpio();
        request("mode " + gpio + " out " + level);
        pin(gpio);
        modes.put(gpio, "out");
        levels.put(gpio, level);
    }

    @Override
    public synchronized void write(PinId pin, int level) {
        int gpio = pin.gpio();
        request("write " + gpio + " " + level);
        requireOut(gpio);
        levels.put(gpio, level);
    }

    @Override
    public synchronized int toggle(PinId pin) {
        int gpio = pin.gpio();
        request("toggle " + gpio);
        requireOut(gpio);
        int l = 1 - levels.get(gpio);
        levels.put(gpio, l);
        return l;
    }

    @Override
    public synchronized int read(PinId pin) {
        int gpio = pin.gpio();
        request("read " + gpio);
        if (!modes.containsKey(gpio)) {
            throw new Failure(Failure.Kind.MODE, "pin " + gpio + " was never set up");
        }
        return levels.getOrDefault(gpio, 0);
    }

    @Override
    public synchronized Watch watch(PinId pin, Pull pull, int debounceMs, java.util.function.IntConsumer onLevel) {
        int gpio = pin.gpio();
        request("watch " + gpio + " " + pull.token() + " " + debounceMs);
        pin(gpio);
        modes.put(gpio, "in " + pull.token());
        int initial = pull == Pull.UP ? 1 : 0;
        levels.put(gpio, initial);
        watchers.put(gpio, onLevel);
        return Watch.of(initial, () -> {
            synchronized (this) {
                if (watchers.remove(gpio) != null && open) {
                    requests.add("unwatch " + gpio);
                }
            }
        });
    }

    @Override
    public synchronized void pwm(PinId pin, int frequencyHz, double duty) {
        request("pwm " + pin.gpio() + " " + frequencyHz + " " + duty);
        pin(pin.gpio());
        modes.put(pin.gpio(), "pwm");
    }

    @Override
    public synchronized void pwmOff(PinId pin) {
        request("pwm " + pin.gpio() + " off");
        modes.put(pin.gpio(), "out");
        levels.put(pin.gpio(), 0);
    }

    @Override
    public synchronized int readAnalog(io.picoloop.protocol.AdcInput input) {
        request("adc " + input.token());
        return 0;
    }

    @Override
    public AutoCloseable streamAnalog(io.picoloop.protocol.AdcInput input, int periodMs,
                                      java.util.concurrent.Executor executor, java.util.function.IntConsumer onValue) {
        request("stream " + input.token() + " " + periodMs);
        return () -> request("stream " + input.token() + " off");
    }

    private void requireOut(int gpio) {
        if (!"out".equals(modes.get(gpio))) {
            throw new Failure(Failure.Kind.MODE, "pin " + gpio + " is not an output");
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
        closed = true;
    }

    /** The cable is pulled: every request fails from now on. */
    synchronized void vanish() {
        open = false;
    }

    /** What the outside world drives onto an input pin: a watched pin reports the edge (no debounce). */
    void driveInput(int gpio, int level) {
        java.util.function.IntConsumer w;
        synchronized (this) {
            Integer before = levels.put(gpio, level);
            w = before != null && before == level ? null : watchers.get(gpio);
        }
        if (w != null) {
            w.accept(level);
        }
    }

    synchronized Integer level(int gpio) {
        return levels.get(gpio);
    }

    synchronized String mode(int gpio) {
        return modes.get(gpio);
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized boolean closedByHost() {
        return closed;
    }
}
