package io.picoloop.sim;

import io.picoloop.board.BoardModel;
import io.picoloop.config.BoardProfile;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A Pico running the bridge firmware, in process. It speaks protocol v1 over an in-memory link
 * whose host end, {@link #transport()}, is an ordinary {@link Transport}: nothing above it knows
 * it is not a real board. Requests are handled on the simulator's own device thread, so replies
 * arrive asynchronously, as from a real board. It sends {@code ! boot ...} when it starts.
 *
 * <p>Pin state is observable ({@link #level}, {@link #addPinListener}) so a CLI can draw the LED.
 *
 * <p>Buttons: {@link #press}, {@link #release}, {@link #setInput} and {@link #bounce} set what an
 * input reads. A pin the host {@code watch}es reports its edges as {@code ! edge} events with the
 * firmware's leading-edge debounce (see {@link Edges}). Edges wait in a queue of
 * {@value #EDGE_QUEUE} between two drains, as in the firmware's IRQ ring; a {@link #bounce}
 * longer than that overflows it and is reported as {@code ! lost <count> <seq>}, then the pin's
 * true level. Times come from the simulator's clock (see {@link #start(BoardModel, LongSupplier)}):
 * with a virtual clock, advance it and call {@link #pollTimers()} to close debounce windows at
 * once (the device thread also checks them every millisecond while one is open).
 *
 * <p>Keepalive: after {@code keepalive <ms>}, a host that sends nothing for {@code <ms>} gets the
 * safe state and {@code ! expired <ms>}, as from the firmware. That deadline is always real
 * time, also when the board's clock is virtual: it watches whether the host process is alive,
 * which the client tells in real time (its pings), not the program's timeline. So a program on a
 * virtual clock can move an hour on with the default keepalive and keep its watches.
 *
 * <p>This class only wires the parts, each named after the firmware's part it copies (the table
 * in docs/architecture.md, "The simulator as the firmware's twin").
 */
public final class SimulatedPico implements AutoCloseable {

    /**
     * The model to simulate for {@code pico} / {@code picow} (as in the vectors and board
     * profiles), case-insensitive; a Pico 2 is simulated as a Pico, a Pico 2 W as a Pico W.
     */
    public static BoardModel modelNamed(String name) {
        String b = BoardProfile.boardName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown board \"" + name + "\": use " + BoardProfile.BOARD_NAMES));
        return b.equals("picow") ? BoardModel.PICO_W : BoardModel.PICO;
    }

    public static final String FIRMWARE_VERSION = Protocol.BRIDGE_FIRMWARE + "-sim";
    /** Edges the device queues between two drains (the firmware's IRQ ring). */
    public static final int EDGE_QUEUE = 64;
    /** The debounce window of {@code watch} without one, in milliseconds. */
    public static final int DEFAULT_DEBOUNCE_MS = 20;

    private final BoardModel model;
    private final Clock clock;
    private final UsbLink link;
    private final PinDriver pins;
    private final Edges watcher;
    private final Keepalive keepalive;
    private final Pwm pwm;
    private final Analog analog;
    private final Bridge loop;
    /** Serialises requests, input changes, timers and event lines: what one device core does. */
    private final Object device = new Object();

    private SimulatedPico(BoardModel model, LongSupplier nanoClock, LongSupplier keepaliveClock) {
        this.model = model;
        this.clock = new Clock(nanoClock);
        this.link = new UsbLink("simulated " + model.displayName());
        this.pins = new PinDriver(clock);
        this.watcher = new Edges(pins, clock, link::writeLine);
        this.keepalive = new Keepalive(keepaliveClock);
        this.pwm = new Pwm(model, pins, clock);
        this.analog = new Analog(model, pins, clock, watcher);
        Dispatcher dispatcher = new Dispatcher(model, uid(model), pins, watcher, clock, keepalive, pwm, analog);
        this.loop = new Bridge(link, dispatcher, watcher, keepalive, clock, model.machine(), device);
    }

    /** Starts a simulated board on the system clock. */
    public static SimulatedPico start(BoardModel model) {
        return new SimulatedPico(model, System::nanoTime, System::nanoTime);
    }

    /** Starts a simulated board whose {@code ping} time follows the given nanosecond clock. */
    public static SimulatedPico start(BoardModel model, LongSupplier nanoClock) {
        return new SimulatedPico(model, nanoClock, System::nanoTime);
    }

    /** For the simulator's own tests: the keepalive on a clock of their own too. */
    static SimulatedPico start(BoardModel model, LongSupplier nanoClock, LongSupplier keepaliveClock) {
        return new SimulatedPico(model, nanoClock, keepaliveClock);
    }

    /** The model simulated. */
    public BoardModel model() {
        return model;
    }

    /** The simulated board's unique id ({@code hello}'s {@code uid=}): one per model. */
    static String uid(BoardModel model) {
        return "E6614104000051" + Integer.toHexString(0x7C + model.ordinal()).toUpperCase(java.util.Locale.ROOT);
    }

    /** The host's end of the link. */
    public Transport transport() {
        return link.hostTransport();
    }

    /**
     * For the simulator's own tests: bytes from the host exactly as given, handled at once on the
     * caller's thread as if the board had read them, with no newline added (the transport adds
     * one to everything, so it cannot send what a raw-mode terminal sends for Enter: a lone CR).
     * Not in order with what the transport still has queued: a test sends through one or the other.
     */
    void receive(byte[] data) {
        loop.received(data, data.length);
    }

    /**
     * The level a pin drives (output) or reads (input); empty when it is not set up. On a Pico,
     * {@code LED} and {@code 25} are the same pin.
     */
    public OptionalInt level(PinId pin) {
        return pins.level(model.wired(pin));
    }

    /** {@link #level(PinId)} for {@code 25}, {@code GP25} or {@code LED}. */
    public OptionalInt level(String pin) {
        return level(parsePin(pin));
    }

    /** The onboard LED's level: true when lit. */
    public boolean ledOn() {
        return level(PinId.LED).orElse(0) == 1;
    }

    public void addPinListener(PinListener l) {
        pins.addListener(l);
    }

    public void removePinListener(PinListener l) {
        pins.removeListener(l);
    }

    /**
     * Sets what an input pin reads, as a button or wire would (null: back to its pull). A change
     * on a watched pin is an edge (see the class comment).
     */
    public void setInputLevel(PinId pin, Integer level) {
        synchronized (device) {
            PinId p = model.wired(pin);
            int before = pins.inputLevel(p);
            pins.putOutside(p, level);
            if (pins.inputLevel(p) != before) {
                watcher.edge(p, clock.nanos());
            }
            watcher.drain();
        }
    }

    /** The outside world puts {@code level} (0 or 1) on an input pin. */
    public void setInput(PinId pin, int level) {
        setInputLevel(pin, level);
    }

    /** {@link #setInput(PinId, int)} for {@code 14}, {@code GP14}. */
    public void setInput(String pin, int level) {
        setInput(parsePin(pin), level);
    }

    /**
     * Presses a clean button on the pin: 0 for a button to GND (pull-up, the usual wiring, and
     * pins not watched), 1 on a pin watched or set up with a pull-down.
     */
    public void press(PinId pin) {
        setInput(pin, pressedLevel(pin));
    }

    public void press(String pin) {
        press(parsePin(pin));
    }

    /** Lets go of the button of {@link #press}. */
    public void release(PinId pin) {
        setInput(pin, 1 - pressedLevel(pin));
    }

    public void release(String pin) {
        release(parsePin(pin));
    }

    /** The level {@link #press} puts on the pin. */
    public int pressedLevel(PinId pin) {
        return pins.pressedLevel(model.wired(pin));
    }

    /**
     * A bouncing contact: {@code edges} level changes, {@code spacing} apart, ending at
     * {@code finalLevel} (one fewer when the pin already reads the first level of the series).
     * They happen at once, as one burst between two drains of the device's edge queue, stamped
     * as if spaced (now, now + spacing, ...): the clock is not advanced. More than
     * {@value #EDGE_QUEUE} edges overflow the queue and give {@code ! lost}.
     */
    public void bounce(PinId pin, int finalLevel, int edges, Duration spacing) {
        if (edges < 1 || spacing.isNegative()) {
            throw new IllegalArgumentException("bounce needs 1 edge or more and a spacing of 0 or more");
        }
        int last = finalLevel == 0 ? 0 : 1;
        synchronized (device) {
            PinId p = model.wired(pin);
            long now = clock.nanos();
            long step = spacing.toNanos();
            int k = 0;
            for (int i = 0; i < edges; i++) {
                int level = (edges - 1 - i) % 2 == 0 ? last : 1 - last;
                // skipped, not written: an explicit level would hide a later change of pull
                if (level == pins.inputLevel(p)) {
                    continue;
                }
                pins.putOutside(p, level);
                watcher.edge(p, now + step * k++);
            }
            watcher.drain();
        }
    }

    /** {@link #bounce(PinId, int, int, Duration)} for {@code 14}, {@code GP14}. */
    public void bounce(String pin, int finalLevel, int edges, Duration spacing) {
        bounce(parsePin(pin), finalLevel, edges, spacing);
    }

    /**
     * Closes the debounce windows that have ended by the simulator's clock, and switches the
     * outputs off when the host's {@code keepalive} has run out, now (the device thread does it
     * too: about a millisecond after a window's end or the keepalive's deadline, and at least every
     * 200 ms). For tests on a virtual clock.
     */
    public void pollTimers() {
        synchronized (device) {
            loop.pollTimers();
        }
    }

    /** The duty (0-65535) a PWM output runs at now, or empty when the pin is not one. */
    public OptionalInt pwmDuty(String pin) {
        synchronized (device) {
            return pwm.duty(model.wired(parsePin(pin)));
        }
    }

    /** The frequency of a PWM output in Hz, or empty when the pin is not one. */
    public OptionalInt pwmFrequency(String pin) {
        synchronized (device) {
            return pwm.frequency(model.wired(parsePin(pin)));
        }
    }

    /**
     * What analog input {@code 26}, {@code 27}, {@code 28} or {@code temp} reads (0-65535, as
     * read_u16), as a potentiometer or a warm chip would put; the next sample of a stream has it.
     * Another input is an IllegalArgumentException naming the board's.
     */
    public void setAnalog(String input, int value) {
        analog.set(input, value);
    }

    /** What analog input {@code 26}, {@code GP26} or {@code temp} reads now (0-65535). */
    public int analog(String input) {
        return analog.read(analog.key(input));
    }

    /**
     * The analog inputs the host has read or streamed ({@code 26}, {@code temp}), in the order it
     * first did; a restart forgets them not, as it forgets not what they read.
     */
    public List<String> analogInputs() {
        synchronized (device) {
            return analog.used();
        }
    }

    /** The pins the host watches, in the order it watched them. */
    public Set<PinId> watchedPins() {
        synchronized (device) {
            return watcher.watchedPins();
        }
    }

    /** Resets the board as a watchdog or power glitch would: pins forgotten, {@code ! boot} sent. */
    public void restart() {
        synchronized (device) {
            pins.forgetSetUp();
            watcher.reset();
            pwm.forget();
            analog.stopAll();
            keepalive.set(0);
            loop.reboot();
        }
    }

    /** Pulls the USB cable: the host's transport sees the link die. */
    @Override
    public void close() {
        loop.close();
    }

    private static PinId parsePin(String pin) {
        return PinId.parse(pin).orElseThrow(() -> new IllegalArgumentException("not a pin: " + pin));
    }
}
