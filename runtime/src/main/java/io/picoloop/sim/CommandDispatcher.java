package io.picoloop.sim;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.PinSet;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import io.picoloop.protocol.RequestParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Requests to replies (the firmware's bridge_protocol.Dispatcher): the arguments checked as the
 * firmware checks them, with the same err kinds and hints, acting on the pin bank and the edge
 * watcher. Framing is the shared {@link RequestParser}'s. Runs under the device lock.
 */
final class CommandDispatcher {

    private static final int MAX_DEBOUNCE_MS = 1000;
    private static final String COMMANDS = "hello ping mode write toggle read off watch unwatch keepalive repl pwm fade tone adc stream";
    private static final List<String> PULLS = List.of("up", "down", "none");

    private final SimulatedPico.Board board;
    private final PinBank pins;
    private final EdgeWatcher edges;
    private final UptimeClock clock;
    private final HostWatchdog keepalive;
    private final Pwm pwm;
    private final Analog analog;
    private boolean replRequested;

    CommandDispatcher(SimulatedPico.Board board, PinBank pins, EdgeWatcher edges, UptimeClock clock,
                      HostWatchdog keepalive, Pwm pwm, Analog analog) {
        this.pwm = pwm;
        this.analog = analog;
        this.board = board;
        this.pins = pins;
        this.edges = edges;
        this.clock = clock;
        this.keepalive = keepalive;
    }

    /** The reply to one framed line; null for an empty line, which the firmware ignores. */
    Reply handle(RequestParser.Result result) {
        keepalive.refresh(); // any line, even a refused one: the host is alive
        return switch (result) {
            case RequestParser.Empty e -> null;
            case RequestParser.Rejected r -> r.reply();
            case RequestParser.Parsed p -> {
                try {
                    yield execute(p.request());
                } catch (Refusal e) {
                    yield e.reply;
                } catch (RuntimeException e) {
                    yield Reply.err(p.request().id(), "internal", "simulator bug: " + e);
                }
            }
        };
    }

    /**
     * True once after a {@code repl} was accepted: the caller leaves the protocol after sending
     * its reply, as the firmware returns to the REPL only once the ok is out.
     */
    boolean takeReplRequest() {
        boolean r = replRequested;
        replRequested = false;
        return r;
    }

    /**
     * The keepalive's check (the firmware's guard task): once it has run out, every output low,
     * every watch ended, and the event line to send; disarmed until the next {@code keepalive}.
     */
    Optional<String> expireIfDue() {
        int ms = keepalive.expire();
        if (ms == 0) {
            return Optional.empty();
        }
        safeState();
        return Optional.of(DeviceEvent.of(DeviceEvent.EXPIRED, Integer.toString(ms)).encode());
    }

    private Reply execute(Request r) {
        int id = r.id();
        List<String> a = r.args();
        return switch (r.command()) {
            case "hello" -> a.isEmpty() ? hello(id) : args(id, "hello");
            case "ping" -> a.isEmpty() ? Reply.ok(id, Long.toString(clock.uptimeMicros())) : args(id, "ping");
            case "mode" -> mode(id, a);
            case "write" -> write(id, a);
            case "toggle" -> toggle(id, a);
            case "read" -> read(id, a);
            case "off" -> a.isEmpty() ? Reply.ok(id, Integer.toString(allOff())) : args(id, "off");
            case "watch" -> watch(id, a);
            case "unwatch" -> unwatch(id, a);
            case "keepalive" -> keepalive(id, a);
            case "pwm" -> pwm.pwm(id, a, this);
            case "fade" -> pwm.fade(id, a, this);
            case "tone" -> pwm.tone(id, a, this);
            case "adc" -> analog.adc(id, a, this);
            case "stream" -> analog.stream(id, a, this);
            case "repl" -> {
                if (!a.isEmpty()) {
                    yield args(id, "repl");
                }
                safeState();
                keepalive.set(0);
                replRequested = true;
                yield Reply.ok(id);
            }
            default -> Reply.err(id, "unknown", "no command " + r.command() + "; commands: " + COMMANDS);
        };
    }

    private Reply mode(int id, List<String> a) {
        if (a.size() < 2 || a.size() > 3) {
            return args(id, "mode");
        }
        PinId pin = pin(id, a.get(0));
        String dir = a.get(1).toLowerCase(Locale.ROOT);
        String opt = a.size() == 3 ? a.get(2).toLowerCase(Locale.ROOT) : null;
        if (dir.equals("out") && (opt == null || opt.equals("0") || opt.equals("1"))) {
            release(pin);
            long at = pins.drive(pin, opt == null ? 0 : Integer.parseInt(opt), true);
            return Reply.ok(id, Long.toString(clock.micros(at)));
        }
        if (dir.equals("in") && (opt == null || PULLS.contains(opt))) {
            requireInputPin(id, pin);
            release(pin);
            pins.setUpInput(pin, opt == null ? "none" : opt);
            return Reply.ok(id);
        }
        return args(id, "mode");
    }

    private Reply write(int id, List<String> a) {
        if (a.size() > 2 && a.size() % 2 == 0) {
            return writeTogether(id, a);
        }
        if (a.size() != 2) {
            return args(id, "write");
        }
        PinId pin = pin(id, a.get(0));
        if (!a.get(1).equals("0") && !a.get(1).equals("1")) {
            return args(id, "write");
        }
        requireOutput(id, pin, a.get(0));
        long at = pins.drive(pin, Integer.parseInt(a.get(1)), false);
        return Reply.ok(id, Long.toString(clock.micros(at)));
    }

    /** {@code write <pin> <level> <pin> <level> ...}: all in one instant, or, on any error, none. */
    private Reply writeTogether(int id, List<String> a) {
        Map<PinId, Integer> levels = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i += 2) {
            PinId pin = pin(id, a.get(i));
            if (!a.get(i + 1).equals("0") && !a.get(i + 1).equals("1")) {
                return args(id, "write");
            }
            requireOutput(id, pin, a.get(i));
            if (pin.isLed()) {
                return Reply.err(id, "pin", "LED is on the wireless chip, not a GPIO: write it in a request of its own");
            }
            if (levels.put(pin, Integer.parseInt(a.get(i + 1))) != null) {
                return Reply.err(id, "args", pin + " is named twice: each pin once per write");
            }
        }
        return Reply.ok(id, Long.toString(clock.micros(pins.driveTogether(levels))));
    }

    private Reply toggle(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "toggle");
        }
        PinId pin = pin(id, a.get(0));
        int level = 1 - requireOutput(id, pin, a.get(0));
        long at = pins.drive(pin, level, false);
        return Reply.ok(id, Integer.toString(level), Long.toString(clock.micros(at)));
    }

    private Reply read(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "read");
        }
        PinId pin = pin(id, a.get(0));
        OptionalInt level = pins.level(pin);
        if (pins.analogRole(pin) != null) {
            return Reply.err(id, "mode", pin.token() + " is " + pins.analogRole(pin) + "; for a level send: mode "
                    + pin.token() + " in");
        }
        if (level.isEmpty()) {
            return Reply.err(id, "mode", pin + " is not set up: send mode " + a.get(0)
                    + " in, or mode " + a.get(0) + " out");
        }
        return Reply.ok(id, Integer.toString(level.getAsInt()));
    }

    private Reply watch(int id, List<String> a) {
        if (a.isEmpty() || a.size() > 3) {
            return args(id, "watch");
        }
        PinId pin = pin(id, a.get(0));
        requireInputPin(id, pin);
        String pull = a.size() >= 2 ? a.get(1).toLowerCase(Locale.ROOT) : "up";
        if (!PULLS.contains(pull)) {
            return args(id, "watch");
        }
        int ms = SimulatedPico.DEFAULT_DEBOUNCE_MS;
        if (a.size() == 3) {
            ms = number(a.get(2), 4);
            if (ms < 0 || ms > MAX_DEBOUNCE_MS) {
                return args(id, "watch");
            }
        }
        pwm.release(pin);
        analog.release(pin);
        pins.setUpInput(pin, pull);
        return Reply.ok(id, Integer.toString(edges.watch(pin, ms)));
    }

    private Reply unwatch(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "unwatch");
        }
        PinId pin = pin(id, a.get(0));
        if (!edges.unwatch(pin)) {
            return Reply.err(id, "mode", pin + " is not watched: send watch " + a.get(0));
        }
        return Reply.ok(id);
    }

    /**
     * A new host session. An earlier host that armed the keepalive asked for the safe state once
     * it stops talking, and it has: done now, rather than in the new session's face.
     */
    private Reply hello(int id) {
        if (keepalive.leftNanos() >= 0) {
            keepalive.set(0);
            safeState();
        }
        analog.stopAll(); // samples are for the host that asked for them
        return Reply.ok(id, "picoloop", "proto=1", "fw=" + SimulatedPico.FIRMWARE_VERSION,
                "uid=" + board.uid(), "led=" + board.led(), "pins=" + PinSet.format(board.freePins()),
                "maxline=" + Request.MAX_LINE_BYTES, "model=" + board.model() + " (simulated)");
    }

    /** Every output low (PWM too), every watch and stream ended (the firmware's Dispatcher.safe_state). */
    private void safeState() {
        allOff();
        edges.unwatchAll();
    }

    /** {@code off}: streams stopped, PWM outputs made plain outputs, every output low; how many there are. */
    private int allOff() {
        analog.stopAll();
        pwm.allOff();
        return pins.allOff();
    }

    /** Before a pin takes another role: no longer watched, PWM or sampled (the firmware's Dispatcher.release). */
    void release(PinId pin) {
        edges.unwatch(pin);
        pwm.release(pin);
        analog.release(pin);
    }

    /** The fades, tones and streams due by now; the nanoseconds until the next, or -1 when none runs. */
    long serviceTimers() {
        long a = pwm.service();
        long b = analog.service();
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private Reply keepalive(int id, List<String> a) {
        if (a.size() != 1) {
            return args(id, "keepalive");
        }
        int ms = number(a.getFirst(), 6);
        if (ms != 0 && (ms < HostWatchdog.MIN_MS || ms > HostWatchdog.MAX_MS)) {
            return Reply.err(id, "args", "keepalive must be 0 (off) or " + HostWatchdog.MIN_MS + " to "
                    + HostWatchdog.MAX_MS + " ms; usage: keepalive <ms>");
        }
        keepalive.set(ms);
        return Reply.ok(id);
    }

    /**
     * A token of 1 to {@code maxDigits} decimal digits as a number, else -1. Length first, as the
     * firmware checks: a hostile 100-digit number is never parsed.
     */
    static int number(String t, int maxDigits) {
        return !t.isEmpty() && t.length() <= maxDigits && t.chars().allMatch(c -> c >= '0' && c <= '9')
                ? Integer.parseInt(t) : -1;
    }

    /** The pin of a request, resolved; a token that is not a free pin is refused. */
    PinId pin(int id, String token) {
        PinId pin = PinId.parse(token).orElseThrow(() -> new Refusal(Reply.err(id, "pin",
                token + " is not a pin: use a GPIO number, GP<n> or LED")));
        if (!pin.isLed() && !board.freePins().contains(pin.gpio())) {
            String hint = board == SimulatedPico.Board.PICO_W && pin.gpio() == SimulatedPico.PICO_LED_GPIO
                    ? "; use LED for the onboard LED" : "";
            throw new Refusal(Reply.err(id, "pin", pin + " is not a free GPIO on this board (free: "
                    + PinSet.format(board.freePins()) + ")" + hint));
        }
        return board.resolve(pin);
    }

    /**
     * A resolved pin that can be an input: not the Pico W's LED, a pin of the wireless chip that
     * is output only (the firmware refuses it, rather than let its Pin raise on a pull).
     */
    private void requireInputPin(int id, PinId pin) {
        if (pin.isLed()) {
            throw new Refusal(Reply.err(id, "pin", "LED is the onboard LED, an output only; for an input"
                    + " use a GPIO from the header (free: " + PinSet.format(board.freePins()) + ")"));
        }
    }

    /** The level the output drives; a pin that is not an output is refused. */
    private int requireOutput(int id, PinId pin, String token) {
        return pins.outputLevel(pin).orElseThrow(() -> new Refusal(Reply.err(id, "mode",
                pin + " is not an output: send mode " + token + " out")));
    }

    private static Reply args(int id, String form) {
        String usage = switch (form) {
            case "mode" -> "mode <pin> out [0|1] or mode <pin> in [up|down|none]";
            case "write" -> "write <pin> <0|1> [<pin> <0|1> ...]";
            case "toggle" -> "toggle <pin>";
            case "read" -> "read <pin>";
            case "watch" -> "watch <pin> [up|down|none] [<debounce_ms 0-1000>]";
            case "unwatch" -> "unwatch <pin>";
            case "keepalive" -> "keepalive <ms 0 (off) or 100-600000>";
            default -> form;
        };
        return Reply.err(id, "args", "usage: " + usage);
    }

    /** A refusal from Pwm's and Analog's handlers. */
    static Refusal refuse(int id, String code, String message) {
        return new Refusal(Reply.err(id, code, message));
    }

    /** A request refused with an err reply, thrown from deep in a handler to skip the rest. */
    static final class Refusal extends RuntimeException {
        final Reply reply;

        Refusal(Reply reply) {
            super(reply.message(), null, false, false);
            this.reply = reply;
        }
    }
}
