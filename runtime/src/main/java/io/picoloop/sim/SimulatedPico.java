package io.picoloop.sim;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.PinSet;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import io.picoloop.protocol.RequestParser;
import io.picoloop.transport.InMemoryLink;
import io.picoloop.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * firmware's leading-edge debounce: the first edge at once, bounces inside the debounce window
 * suppressed, the level read again when the window closes (a glitch gets a corrective edge
 * stamped with the last edge seen). Edges wait in a queue of {@value #EDGE_QUEUE} between two
 * drains, as in the firmware's IRQ ring; a {@link #bounce} longer than that overflows it and is
 * reported as {@code ! lost <count> <seq>}, then the pin's true level. Times come from the
 * simulator's clock (see {@link #start(Board, LongSupplier)}): with a virtual clock, advance it
 * and call {@link #pollTimers()} to close debounce windows at once (the device thread also checks
 * them every millisecond while one is open).
 */
public final class SimulatedPico implements AutoCloseable {

    /** The boards the simulator models. */
    public enum Board {
        PICO("Raspberry Pi Pico with RP2040", "25", IntStream.concat(
                IntStream.rangeClosed(0, 22), IntStream.rangeClosed(25, 28))),
        PICO_W("Raspberry Pi Pico W with RP2040", "LED", IntStream.concat(
                IntStream.rangeClosed(0, 22), IntStream.rangeClosed(26, 28)));

        private final String model;
        private final String led;
        private final Set<Integer> freePins;

        Board(String model, String led, IntStream free) {
            this.model = model;
            this.led = led;
            this.freePins = free.boxed().collect(Collectors.toUnmodifiableSet());
        }

        public String model() {
            return model;
        }

        public Set<Integer> freePins() {
            return freePins;
        }

        /** {@code pico} / {@code picow} (as in the vectors and board profiles), case-insensitive. */
        public static Board parse(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "")) {
                case "pico", "pico2" -> PICO;
                case "picow", "pico2w" -> PICO_W;
                default -> throw new IllegalArgumentException("unknown board \"" + name
                        + "\": use pico or picow");
            };
        }
    }

    public static final String FIRMWARE_VERSION = "0.2.0-sim";
    /** Edges the device queues between two drains (the firmware's IRQ ring). */
    public static final int EDGE_QUEUE = 64;
    /** The debounce window of {@code watch} without one, in milliseconds. */
    public static final int DEFAULT_DEBOUNCE_MS = 20;
    private static final int MAX_DEBOUNCE_MS = 1000;
    private static final String COMMANDS = "hello ping mode write toggle read off watch unwatch repl";
    private static final int LED_GPIO_PICO = 25;

    private enum Mode { OUT, IN }

    private record PinState(Mode mode, int level, String pull) {
    }

    /** A watched input's debounce state (guarded by {@link #device}). */
    private static final class Watch {
        long debounceNanos;
        int reported;
        boolean open;
        long endNanos;
        long lastEdgeNanos;
    }

    private record QueuedEdge(PinId pin, long nanos) {
    }

    private final Board board;
    private final LongSupplier nanoClock;
    private final InMemoryLink link;
    private final Map<PinId, PinState> pins = new ConcurrentHashMap<>();
    private final Map<PinId, Integer> externalLevels = new ConcurrentHashMap<>();
    private final List<PinListener> pinListeners = new CopyOnWriteArrayList<>();
    private final Thread deviceThread;
    /** Serialises requests, input changes, timers and event lines: what one device core does. */
    private final Object device = new Object();
    private final Map<PinId, Watch> watches = new java.util.LinkedHashMap<>();
    private final java.util.ArrayDeque<QueuedEdge> edgeQueue = new java.util.ArrayDeque<>();
    private long droppedEdges;
    private long seq;
    private volatile long bootNanos;
    private volatile boolean inRepl;
    /** True while a debounce window is open: the device thread then checks timers every ms. */
    private volatile boolean windowOpen;

    private SimulatedPico(Board board, LongSupplier nanoClock) {
        this.board = board;
        this.nanoClock = nanoClock;
        this.link = new InMemoryLink("simulated " + (board == Board.PICO ? "Pico" : "Pico W"));
        this.bootNanos = nanoClock.getAsLong();
        sendLine(bootEvent().encode());
        this.deviceThread = Thread.ofPlatform().daemon().name("picoloop-sim-device").start(this::run);
    }

    /** Starts a simulated board on the system clock. */
    public static SimulatedPico start(Board board) {
        return new SimulatedPico(board, System::nanoTime);
    }

    /** Starts a simulated board whose {@code ping} time follows the given nanosecond clock. */
    public static SimulatedPico start(Board board, LongSupplier nanoClock) {
        return new SimulatedPico(board, nanoClock);
    }

    public Board board() {
        return board;
    }

    /** The host's end of the link. */
    public Transport transport() {
        return link.hostTransport();
    }

    /**
     * The level a pin drives (output) or reads (input); empty when it is not set up. On a Pico,
     * {@code LED} and {@code 25} are the same pin.
     */
    public OptionalInt level(PinId pin) {
        PinState s = pins.get(resolve(pin));
        return s == null ? OptionalInt.empty() : OptionalInt.of(levelOf(resolve(pin), s));
    }

    /** {@link #level(PinId)} for {@code 25}, {@code GP25} or {@code LED}. */
    public OptionalInt level(String pin) {
        return level(PinId.parse(pin).orElseThrow(() -> new IllegalArgumentException("not a pin: " + pin)));
    }

    /** The onboard LED's level: true when lit. */
    public boolean ledOn() {
        return level(PinId.LED).orElse(0) == 1;
    }

    public void addPinListener(PinListener l) {
        pinListeners.add(l);
    }

    public void removePinListener(PinListener l) {
        pinListeners.remove(l);
    }

    /**
     * Sets what an input pin reads, as a button or wire would (null: back to its pull). A change
     * on a watched pin is an edge (see the class comment).
     */
    public void setInputLevel(PinId pin, Integer level) {
        synchronized (device) {
            PinId p = resolve(pin);
            int before = inputLevel(p);
            if (level == null) {
                externalLevels.remove(p);
            } else {
                externalLevels.put(p, level == 0 ? 0 : 1);
            }
            if (inputLevel(p) != before) {
                queueEdge(p, nanoClock.getAsLong());
            }
            drainEdges();
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
        PinState s = pins.get(resolve(pin));
        return s != null && s.mode() == Mode.IN && s.pull().equals("down") ? 1 : 0;
    }

    /**
     * A bouncing contact: {@code edges} level changes, {@code spacing} apart, ending at
     * {@code finalLevel} (one fewer when the pin already reads the first level of the series).
     * They happen at once, as one burst between two drains of the device's edge queue, stamped
     * as if spaced (now, now + spacing, ...): the clock is not advanced. More than
     * {@value #EDGE_QUEUE} edges overflow the queue and give {@code ! lost}.
     */
    public void bounce(PinId pin, int finalLevel, int edges, java.time.Duration spacing) {
        if (edges < 1 || spacing.isNegative()) {
            throw new IllegalArgumentException("bounce needs 1 edge or more and a spacing of 0 or more");
        }
        int last = finalLevel == 0 ? 0 : 1;
        synchronized (device) {
            PinId p = resolve(pin);
            long now = nanoClock.getAsLong();
            long step = spacing.toNanos();
            int k = 0;
            for (int i = 0; i < edges; i++) {
                int level = (edges - 1 - i) % 2 == 0 ? last : 1 - last;
                if (level == inputLevel(p)) {
                    continue;
                }
                externalLevels.put(p, level);
                queueEdge(p, now + step * k++);
            }
            drainEdges();
        }
    }

    /** {@link #bounce(PinId, int, int, java.time.Duration)} for {@code 14}, {@code GP14}. */
    public void bounce(String pin, int finalLevel, int edges, java.time.Duration spacing) {
        bounce(parsePin(pin), finalLevel, edges, spacing);
    }

    /**
     * Closes the debounce windows that have ended by the simulator's clock, now (the device
     * thread does it too, within about a millisecond). For tests on a virtual clock.
     */
    public void pollTimers() {
        synchronized (device) {
            drainEdges();
        }
    }

    /** The pins the host watches, in the order it watched them. */
    public Set<PinId> watchedPins() {
        synchronized (device) {
            return Set.copyOf(watches.keySet());
        }
    }

    private PinId parsePin(String pin) {
        return PinId.parse(pin).orElseThrow(() -> new IllegalArgumentException("not a pin: " + pin));
    }

    /** Resets the board as a watchdog or power glitch would: pins forgotten, {@code ! boot} sent. */
    public void restart() {
        synchronized (device) {
            pins.clear();
            watches.clear();
            edgeQueue.clear();
            droppedEdges = 0;
            seq = 0;
            inRepl = false;
            bootNanos = nanoClock.getAsLong();
            sendLine(bootEvent().encode());
        }
    }

    /** Pulls the USB cable: the host's transport sees the link die. */
    @Override
    public void close() {
        link.disconnect();
        if (Thread.currentThread() != deviceThread) {
            try {
                deviceThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private DeviceEvent bootEvent() {
        return DeviceEvent.of(DeviceEvent.BOOT, "picoloop", "proto=1", "fw=" + FIRMWARE_VERSION);
    }

    private void run() {
        RequestParser.Framer framer = new RequestParser.Framer();
        byte[] buf = new byte[512];
        try {
            while (true) {
                int n = link.deviceRead(buf, windowOpen ? 1 : 200);
                if (n < 0) {
                    return;
                }
                synchronized (device) {
                    if (inRepl) {
                        replInput(buf, n);
                    } else {
                        framer.feed(buf, 0, n, this::handle);
                        drainEdges();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(RequestParser.Result result) {
        if (inRepl) {
            return;
        }
        switch (result) {
            case RequestParser.Empty e -> { }
            case RequestParser.Rejected r -> sendLine(r.reply().encode());
            case RequestParser.Parsed p -> {
                Reply reply;
                try {
                    reply = execute(p.request());
                } catch (Refusal e) {
                    reply = e.reply;
                } catch (RuntimeException e) {
                    reply = Reply.err(p.request().id(), "internal", "simulator bug: " + e);
                }
                sendLine(reply.encode());
                if (p.request().command().equals("repl") && reply.ok()) {
                    enterRepl();
                }
            }
        }
    }

    /** The reply to a request; refusals ({@code err pin}, {@code err mode}) are thrown as {@link Refusal}. */
    private Reply execute(Request r) {
        int id = r.id();
        List<String> a = r.args();
        return switch (r.command()) {
            case "hello" -> a.isEmpty() ? Reply.ok(id, "picoloop", "proto=1", "fw=" + FIRMWARE_VERSION,
                    "uid=" + uid(), "led=" + board.led, "pins=" + PinSet.format(board.freePins),
                    "maxline=" + Request.MAX_LINE_BYTES, "model=" + board.model + " (simulated)")
                    : args(id, "hello");
            case "ping" -> a.isEmpty() ? Reply.ok(id, Long.toString((nanoClock.getAsLong() - bootNanos) / 1000))
                    : args(id, "ping");
            case "mode" -> mode(id, a);
            case "write" -> write(id, a);
            case "toggle" -> toggle(id, a);
            case "read" -> read(id, a);
            case "off" -> a.isEmpty() ? Reply.ok(id, Integer.toString(allOff())) : args(id, "off");
            case "watch" -> watch(id, a);
            case "unwatch" -> unwatch(id, a);
            case "repl" -> {
                if (!a.isEmpty()) {
                    yield args(id, "repl");
                }
                allOff();
                watches.clear();
                windowOpen = false;
                yield Reply.ok(id);
            }
            default -> Reply.err(id, "unknown", "no command " + r.command() + "; commands: " + COMMANDS);
        };
    }

    private static Reply args(int id, String form) {
        String usage = switch (form) {
            case "mode" -> "mode <pin> out [0|1] or mode <pin> in [up|down|none]";
            case "write" -> "write <pin> <0|1>";
            case "toggle" -> "toggle <pin>";
            case "read" -> "read <pin>";
            case "watch" -> "watch <pin> [up|down|none] [<debounce_ms 0-1000>]";
            case "unwatch" -> "unwatch <pin>";
            default -> form;
        };
        return Reply.err(id, "args", "usage: " + usage);
    }

    /** The pin of a request, or the err pin reply as a {@link Refusal}. */
    private PinId pin(int id, String token) {
        PinId pin = PinId.parse(token).orElseThrow(() -> new Refusal(Reply.err(id, "pin",
                token + " is not a pin: use a GPIO number, GP<n> or LED")));
        if (!pin.isLed() && !board.freePins.contains(pin.gpio())) {
            String hint = board == Board.PICO_W && pin.gpio() == LED_GPIO_PICO ? "; use LED for the onboard LED" : "";
            throw new Refusal(Reply.err(id, "pin", pin + " is not a free GPIO on this board (free: "
                    + PinSet.format(board.freePins) + ")" + hint));
        }
        return resolve(pin);
    }

    private PinId resolve(PinId pin) {
        return pin.isLed() && board == Board.PICO ? PinId.gpio(LED_GPIO_PICO) : pin;
    }

    /** A request refused with an err reply. */
    private static final class Refusal extends RuntimeException {
        final Reply reply;

        Refusal(Reply reply) {
            super(reply.message(), null, false, false);
            this.reply = reply;
        }
    }

    private Reply mode(int id, List<String> a) {
        if (a.size() < 2 || a.size() > 3) {
            return args(id, "mode");
        }
        PinId pin = pin(id, a.get(0));
        String dir = a.get(1).toLowerCase(Locale.ROOT);
        String opt = a.size() == 3 ? a.get(2).toLowerCase(Locale.ROOT) : null;
        if (dir.equals("out") && (opt == null || opt.equals("0") || opt.equals("1"))) {
            watches.remove(pin);
            long at = drive(pin, opt == null ? 0 : Integer.parseInt(opt), true);
            return Reply.ok(id, deviceMicros(at));
        }
        if (dir.equals("in") && (opt == null || List.of("up", "down", "none").contains(opt))) {
            watches.remove(pin);
            pins.put(pin, new PinState(Mode.IN, 0, opt == null ? "none" : opt));
            return Reply.ok(id);
        }
        return args(id, "mode");
    }

    private Reply write(int id, List<String> a) {
        if (a.size() != 2) {
            return args(id, "write");
        }
        PinId pin = pin(id, a.get(0));
        if (!a.get(1).equals("0") && !a.get(1).equals("1")) {
            return args(id, "write");
        }
        requireOutput(id, pin, a.get(0));
        long at = drive(pin, Integer.parseInt(a.get(1)), false);
        return Reply.ok(id, deviceMicros(at));
    }

    private Reply toggle(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "toggle");
        }
        PinId pin = pin(id, a.get(0));
        int level = 1 - requireOutput(id, pin, a.get(0)).level();
        long at = drive(pin, level, false);
        return Reply.ok(id, Integer.toString(level), deviceMicros(at));
    }

    private Reply read(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "read");
        }
        PinId pin = pin(id, a.get(0));
        PinState s = pins.get(pin);
        if (s == null) {
            return Reply.err(id, "mode", pin + " is not set up: send mode " + a.get(0)
                    + " in, or mode " + a.get(0) + " out");
        }
        return Reply.ok(id, Integer.toString(levelOf(pin, s)));
    }

    private Reply watch(int id, List<String> a) {
        if (a.isEmpty() || a.size() > 3) {
            return args(id, "watch");
        }
        PinId pin = pin(id, a.get(0));
        if (pin.isLed()) {
            throw new Refusal(Reply.err(id, "pin", "LED cannot be watched (free: "
                    + PinSet.format(board.freePins) + ")"));
        }
        String pull = a.size() >= 2 ? a.get(1).toLowerCase(Locale.ROOT) : "up";
        if (!List.of("up", "down", "none").contains(pull)) {
            return args(id, "watch");
        }
        int ms = DEFAULT_DEBOUNCE_MS;
        if (a.size() == 3) {
            String t = a.get(2);
            if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(t) > MAX_DEBOUNCE_MS) {
                return args(id, "watch");
            }
            ms = Integer.parseInt(t);
        }
        pins.put(pin, new PinState(Mode.IN, 0, pull));
        Watch w = watches.computeIfAbsent(pin, k -> new Watch());
        w.debounceNanos = ms * 1_000_000L;
        w.reported = inputLevel(pin);
        w.open = false;
        edgeQueue.removeIf(e -> e.pin().equals(pin)); // already in the level just read
        return Reply.ok(id, Integer.toString(w.reported));
    }

    private Reply unwatch(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "unwatch");
        }
        PinId pin = pin(id, a.get(0));
        if (watches.remove(pin) == null) {
            return Reply.err(id, "mode", pin + " is not watched: send watch " + a.get(0));
        }
        return Reply.ok(id);
    }

    /** The level an input reads now: what the outside world puts on it, else its pull. */
    private int inputLevel(PinId pin) {
        PinState s = pins.get(pin);
        Integer ext = externalLevels.get(pin);
        if (ext != null) {
            return ext;
        }
        return s != null && s.mode() == Mode.IN && s.pull().equals("up") ? 1 : 0;
    }

    /** The pin interrupt: queue the edge, or count it when the queue is full. */
    private void queueEdge(PinId pin, long nanos) {
        if (!watches.containsKey(pin)) {
            return;
        }
        if (edgeQueue.size() >= EDGE_QUEUE) {
            droppedEdges++;
        } else {
            edgeQueue.add(new QueuedEdge(pin, nanos));
        }
    }

    /** The firmware's drain task: debounce the queued edges, report drops, close due windows. */
    private void drainEdges() {
        for (QueuedEdge e; (e = edgeQueue.poll()) != null; ) {
            Watch w = watches.get(e.pin());
            if (w == null) {
                continue;
            }
            if (w.open) {
                w.lastEdgeNanos = e.nanos(); // a bounce (or a late edge: the close reads the pin)
            } else {
                edgeEvent(e.pin(), w, 1 - w.reported, e.nanos());
                w.open = true;
                w.endNanos = e.nanos() + w.debounceNanos;
                w.lastEdgeNanos = e.nanos();
            }
        }
        if (droppedEdges > 0) {
            seq++;
            sendLine(DeviceEvent.of(DeviceEvent.LOST, Long.toString(droppedEdges), Long.toString(seq)).encode());
            droppedEdges = 0;
            long now = nanoClock.getAsLong();
            for (Map.Entry<PinId, Watch> en : watches.entrySet()) {
                Watch w = en.getValue();
                w.open = false;
                int level = inputLevel(en.getKey());
                if (level != w.reported) {
                    edgeEvent(en.getKey(), w, level, now);
                }
            }
        }
        long now = nanoClock.getAsLong();
        boolean open = false;
        for (Map.Entry<PinId, Watch> en : watches.entrySet()) {
            Watch w = en.getValue();
            if (!w.open) {
                continue;
            }
            if (now - w.endNanos >= 0) {
                w.open = false;
                int level = inputLevel(en.getKey());
                if (level != w.reported) {
                    edgeEvent(en.getKey(), w, level, w.lastEdgeNanos);
                }
            } else {
                open = true;
            }
        }
        windowOpen = open;
    }

    private void edgeEvent(PinId pin, Watch w, int level, long nanos) {
        w.reported = level;
        seq++;
        long micros = Math.max(0, (nanos - bootNanos) / 1000);
        sendLine(DeviceEvent.of(DeviceEvent.EDGE, Integer.toString(pin.gpio()), Integer.toString(level),
                Long.toString(micros), Long.toString(seq)).encode());
    }

    private PinState requireOutput(int id, PinId pin, String token) {
        PinState s = pins.get(pin);
        if (s == null || s.mode() != Mode.OUT) {
            throw new Refusal(Reply.err(id, "mode", pin + " is not an output: send mode " + token + " out"));
        }
        return s;
    }

    private int levelOf(PinId pin, PinState s) {
        return s.mode() == Mode.OUT ? s.level() : inputLevel(pin);
    }

    /** The {@code ping} clock's reading (microseconds since boot) of a nano clock time. */
    private String deviceMicros(long nanos) {
        return Long.toString(Math.max(0, (nanos - bootNanos) / 1000));
    }

    /** Drives an output; returns the nano clock time at which it took the level. */
    private long drive(PinId pin, int level, boolean setup) {
        PinState old = pins.put(pin, new PinState(Mode.OUT, level, "none"));
        long now = nanoClock.getAsLong();
        if (setup || old == null || old.mode() != Mode.OUT || old.level() != level) {
            for (PinListener l : pinListeners) {
                try {
                    l.pinChanged(pin, level, now);
                } catch (RuntimeException e) {
                    // a listener's bug must not stop the board
                }
            }
        }
        return now;
    }

    private int allOff() {
        int n = 0;
        for (Map.Entry<PinId, PinState> e : pins.entrySet()) {
            if (e.getValue().mode() == Mode.OUT) {
                n++;
                drive(e.getKey(), 0, false);
            }
        }
        return n;
    }

    private String uid() {
        return board == Board.PICO ? "E66141040000517C" : "E66141040000517D";
    }

    private void enterRepl() {
        inRepl = true;
        link.deviceWrite(("MicroPython v1.26.1 on 2025-09-11; " + board.model + "\r\n"
                + "Type \"help()\" for more information.\r\n>>> ").getBytes(StandardCharsets.US_ASCII));
    }

    private void replInput(byte[] buf, int n) {
        // a crude REPL: echo, and a SyntaxError for each line
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                out.append("\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\n"
                        + "SyntaxError: invalid syntax\r\n>>> ");
            } else {
                out.append((char) (buf[i] & 0xFF));
            }
        }
        link.deviceWrite(out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void sendLine(String line) {
        synchronized (device) { // one whole line at a time: an event never lands inside a reply
            link.deviceWrite((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
