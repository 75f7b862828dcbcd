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

    public static final String FIRMWARE_VERSION = "0.1.0-sim";
    private static final String COMMANDS = "hello ping mode write toggle read off repl";
    private static final int LED_GPIO_PICO = 25;

    private enum Mode { OUT, IN }

    private record PinState(Mode mode, int level, String pull) {
    }

    private final Board board;
    private final LongSupplier nanoClock;
    private final InMemoryLink link;
    private final Map<PinId, PinState> pins = new ConcurrentHashMap<>();
    private final Map<PinId, Integer> externalLevels = new ConcurrentHashMap<>();
    private final List<PinListener> pinListeners = new CopyOnWriteArrayList<>();
    private final Thread deviceThread;
    private volatile long bootNanos;
    private volatile boolean inRepl;

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
     * Sets what an input pin reads, as a button or wire would (null: back to its pull).
     * The hook for buttons (issue 4: press/release with {@code ! edge} events).
     */
    public void setInputLevel(PinId pin, Integer level) {
        if (level == null) {
            externalLevels.remove(resolve(pin));
        } else {
            externalLevels.put(resolve(pin), level == 0 ? 0 : 1);
        }
    }

    /** Resets the board as a watchdog or power glitch would: pins forgotten, {@code ! boot} sent. */
    public void restart() {
        pins.clear();
        inRepl = false;
        bootNanos = nanoClock.getAsLong();
        sendLine(bootEvent().encode());
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
                int n = link.deviceRead(buf, 200);
                if (n < 0) {
                    return;
                }
                if (inRepl) {
                    replInput(buf, n);
                } else {
                    framer.feed(buf, 0, n, this::handle);
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
            case "repl" -> {
                if (!a.isEmpty()) {
                    yield args(id, "repl");
                }
                allOff();
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
            drive(pin, opt == null ? 0 : Integer.parseInt(opt), true);
            return Reply.ok(id);
        }
        if (dir.equals("in") && (opt == null || List.of("up", "down", "none").contains(opt))) {
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
        drive(pin, Integer.parseInt(a.get(1)), false);
        return Reply.ok(id);
    }

    private Reply toggle(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "toggle");
        }
        PinId pin = pin(id, a.get(0));
        int level = 1 - requireOutput(id, pin, a.get(0)).level();
        drive(pin, level, false);
        return Reply.ok(id, Integer.toString(level));
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

    private PinState requireOutput(int id, PinId pin, String token) {
        PinState s = pins.get(pin);
        if (s == null || s.mode() != Mode.OUT) {
            throw new Refusal(Reply.err(id, "mode", pin + " is not an output: send mode " + token + " out"));
        }
        return s;
    }

    private int levelOf(PinId pin, PinState s) {
        if (s.mode() == Mode.OUT) {
            return s.level();
        }
        Integer ext = externalLevels.get(pin);
        return ext != null ? ext : s.pull().equals("up") ? 1 : 0;
    }

    private void drive(PinId pin, int level, boolean setup) {
        PinState old = pins.put(pin, new PinState(Mode.OUT, level, "none"));
        if (setup || old == null || old.mode() != Mode.OUT || old.level() != level) {
            long now = nanoClock.getAsLong();
            for (PinListener l : pinListeners) {
                try {
                    l.pinChanged(pin, level, now);
                } catch (RuntimeException e) {
                    // a listener's bug must not stop the board
                }
            }
        }
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
        link.deviceWrite((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
