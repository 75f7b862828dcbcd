package io.picoloop.sim;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Request lines to replies (the firmware's bridge_protocol.Dispatcher): the line's bytes and id
 * checked, then its arguments, as the firmware checks them, with the same err codes and messages
 * (the vectors check both), acting on the pin driver and the edges. Runs under the device lock.
 */
final class Dispatcher {

    private static final List<String> PULLS = List.of("up", "down", "none");
    /** What a message echoes of a token: the firmware's _printable(token, 20). */
    private static final int ECHO_MAX = 20;

    private final BoardModel model;
    private final String uid;
    private final PinDriver pins;
    private final Edges edges;
    private final Clock clock;
    private final Keepalive keepalive;
    private final Pwm pwm;
    private final Analog analog;
    /** Each command word to its handler, in the order the error messages list them (the firmware's _handlers). */
    private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    private final String commands;
    private boolean replRequested;

    Dispatcher(BoardModel model, String uid, PinDriver pins, Edges edges, Clock clock, Keepalive keepalive, Pwm pwm,
               Analog analog) {
        this.model = model;
        this.uid = uid;
        this.pwm = pwm;
        this.analog = analog;
        this.pins = pins;
        this.edges = edges;
        this.clock = clock;
        this.keepalive = keepalive;
        handlers.put("hello", (id, a) -> a.isEmpty() ? hello(id) : args(id, "hello"));
        handlers.put("ping", (id, a) -> a.isEmpty() ? Reply.ok(id, Long.toString(clock.uptimeMicros())) : args(id, "ping"));
        handlers.put("mode", this::mode);
        handlers.put("write", this::write);
        handlers.put("toggle", this::toggle);
        handlers.put("read", this::read);
        handlers.put("off", (id, a) -> a.isEmpty() ? Reply.ok(id, Integer.toString(allOff())) : args(id, "off"));
        handlers.put("watch", this::watch);
        handlers.put("unwatch", this::unwatch);
        handlers.put("keepalive", this::keepalive);
        handlers.put("repl", this::repl);
        // each part names its own commands, as the firmware's modules do: a new one is added there alone
        handlers.putAll(pwm.handlers(this));
        handlers.putAll(analog.handlers(this));
        handlers.putAll(Files.handlers());
        commands = String.join(" ", handlers.keySet());
    }

    /**
     * The reply to one line from the {@link LineReader} (without its line end, or
     * {@link LineReader#TOOLONG}); null for an empty or all-space line, which the firmware ignores.
     */
    Reply handleLine(byte[] line) {
        keepalive.refresh(); // any line, even a refused one: the host is alive
        if (line == LineReader.TOOLONG) {
            return Reply.err(Request.NO_ID, "toolong",
                    "line longer than " + Protocol.MAX_REQUEST_BYTES + " bytes; send shorter lines");
        }
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                return Reply.err(Request.NO_ID, "syntax",
                        String.format("byte 0x%02X at column %d is not printable ASCII", b, i + 1));
            }
        }
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return null;
        }
        List<String> tokens = List.of(text.split(" +"));
        int id = Request.NO_ID;
        if (tokens.getFirst().chars().allMatch(c -> c >= '0' && c <= '9')) {
            id = number(tokens.getFirst(), 5);
            if (id < 0 || id > Protocol.MAX_ID) {
                return Reply.err(Request.NO_ID, "syntax", "id must be a number 0 to " + Protocol.MAX_ID);
            }
            tokens = tokens.subList(1, tokens.size());
            if (tokens.isEmpty()) {
                return Reply.err(id, "syntax", "no command after the id (commands: " + commands + ")");
            }
        }
        try {
            return execute(id, tokens.getFirst().toLowerCase(Locale.ROOT), tokens.subList(1, tokens.size()));
        } catch (Refusal e) {
            return e.reply;
        } catch (RuntimeException e) {
            return Reply.err(id, "internal", "simulator bug: " + e);
        }
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

    private Reply execute(int id, String command, List<String> a) {
        CommandHandler handler = handlers.get(command);
        return handler != null ? handler.handle(id, a)
                : Reply.err(id, "unknown", "no command " + echo(command) + " (commands: " + commands + ")");
    }

    private Reply repl(int id, List<String> a) {
        if (!a.isEmpty()) {
            return args(id, "repl");
        }
        safeState();
        keepalive.set(0); // the REPL's tools must not have the outputs switched off later
        replRequested = true;
        return Reply.ok(id);
    }

    private Reply mode(int id, List<String> a) {
        if (a.size() < 2 || a.size() > 3) {
            return args(id, "mode");
        }
        PinId pin = pin(id, a.get(0));
        String dir = a.get(1).toLowerCase(Locale.ROOT);
        if (dir.equals("out")) {
            int level = a.size() == 3 ? level(id, "mode", a.get(2)) : 0;
            release(pin);
            long at = pins.drive(pin, level, true);
            return Reply.ok(id, Long.toString(clock.micros(at)));
        }
        if (dir.equals("in")) {
            String pull = a.size() == 3 ? pull(id, "mode", a.get(2)) : "none";
            requireInputPin(id, pin);
            release(pin);
            pins.setUpInput(pin, pull);
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
        int level = level(id, "write", a.get(1));
        requireOutput(id, pin);
        long at = pins.drive(pin, level, false);
        return Reply.ok(id, Long.toString(clock.micros(at)));
    }

    /** {@code write <pin> <level> <pin> <level> ...}: all in one instant, or, on any error, none. */
    private Reply writeTogether(int id, List<String> a) {
        Map<PinId, Integer> levels = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i += 2) {
            PinId pin = pin(id, a.get(i));
            int level = level(id, "write", a.get(i + 1));
            requireOutput(id, pin);
            if (pin.isLed()) {
                return Reply.err(id, "pin", "LED is on the wireless chip, not a GPIO: write it in a request of its own");
            }
            if (levels.put(pin, level) != null) {
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
        int level = 1 - requireOutput(id, pin);
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
            // the Pico W's LED is an output only: an input is no way to read it
            return Reply.err(id, "mode", pin.token() + " is not set up; send: mode " + pin.token()
                    + (pin.isLed() ? " out" : " in"));
        }
        return Reply.ok(id, Integer.toString(level.getAsInt()));
    }

    private Reply watch(int id, List<String> a) {
        if (a.isEmpty() || a.size() > 3) {
            return args(id, "watch");
        }
        PinId pin = pin(id, a.get(0));
        requireInputPin(id, pin);
        String pull = a.size() >= 2 ? pull(id, "watch", a.get(1)) : "up";
        int ms = SimulatedPico.DEFAULT_DEBOUNCE_MS;
        if (a.size() == 3) {
            ms = number(a.get(2), 4);
            if (ms < 0 || ms > Protocol.DEBOUNCE_MAX_MS) {
                return usage(id, "debounce must be 0 to " + Protocol.DEBOUNCE_MAX_MS + " ms", "watch");
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
            return Reply.err(id, "mode", pin.token() + " is not watched; send: watch " + pin.token());
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
        return Reply.ok(id, "picoloop", "proto=" + Protocol.VERSION, "fw=" + SimulatedPico.FIRMWARE_VERSION,
                "uid=" + uid, "led=" + model.ledToken(), "pins=" + model.freeGpioText(),
                "maxline=" + Protocol.MAX_REQUEST_BYTES, "micropython=" + MicroPythonRepl.VERSION,
                "model=" + model.machine() + " (simulated)");
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
        if (ms != 0 && (ms < Protocol.KEEPALIVE_MIN_MS || ms > Protocol.KEEPALIVE_MAX_MS)) {
            return usage(id, "keepalive must be 0 (off) or " + Protocol.KEEPALIVE_MIN_MS + " to "
                    + Protocol.KEEPALIVE_MAX_MS + " ms", "keepalive");
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

    /**
     * The pin of a request, resolved; any other token is refused as the firmware refuses it: a
     * GPIO number of one or two digits (or GP and one), else not a pin.
     */
    PinId pin(int id, String token) {
        if (token.equalsIgnoreCase("LED")) {
            return model.wired(PinId.LED);
        }
        int gpio = number(token.regionMatches(true, 0, "GP", 0, 2) ? token.substring(2) : token, 2);
        if (gpio < 0 || !model.isFree(gpio)) {
            throw new Refusal(Reply.err(id, "pin", echo(token)
                    + " is not a free GPIO on this board (free: " + model.freeGpioText() + ")"
                    + model.boardUse(gpio).map(use -> ": " + use).orElse("")));
        }
        return PinId.gpio(gpio);
    }

    /**
     * A resolved pin that can be an input: not the Pico W's LED, a pin of the wireless chip that
     * is output only (the firmware refuses it, rather than let its Pin raise on a pull).
     */
    private void requireInputPin(int id, PinId pin) {
        if (pin.isLed()) {
            throw new Refusal(Reply.err(id, "pin", "LED is the onboard LED, an output only; for an input"
                    + " use a GPIO from the header (free: " + model.freeGpioText() + ")"));
        }
    }

    /** The level the output drives; a pin that is not an output is refused. */
    private int requireOutput(int id, PinId pin) {
        return pins.outputLevel(pin).orElseThrow(() -> new Refusal(Reply.err(id, "mode",
                pin.token() + " is not an output; send: mode " + pin.token() + " out")));
    }

    /** A level token, 0 or 1; anything else is refused with the command's usage. */
    private static int level(int id, String command, String token) {
        if (!token.equals("0") && !token.equals("1")) {
            throw new Refusal(usage(id, "level must be 0 or 1", command));
        }
        return token.charAt(0) - '0';
    }

    /** A pull token, lower-cased; anything else is refused with the command's usage. */
    private static String pull(int id, String command, String token) {
        String pull = token.toLowerCase(Locale.ROOT);
        if (!PULLS.contains(pull)) {
            throw new Refusal(usage(id, "pull must be up, down or none", command));
        }
        return pull;
    }

    /** A token echoed in a message, as the firmware bounds it: its first 20 characters. */
    private static String echo(String token) {
        return token.length() > ECHO_MAX ? token.substring(0, ECHO_MAX) + "..." : token;
    }

    private static Reply args(int id, String command) {
        return Reply.err(id, "args", "usage: " + usage(command));
    }

    private static Reply usage(int id, String problem, String command) {
        return Reply.err(id, "args", problem + "; usage: " + usage(command));
    }

    /** The firmware's _USAGE: how each command is written. */
    private static String usage(String command) {
        return switch (command) {
            case "mode" -> "mode <pin> out [0|1] or mode <pin> in [up|down|none]";
            case "write" -> "write <pin> <0|1> [<pin> <0|1> ...]";
            case "toggle" -> "toggle <pin>";
            case "read" -> "read <pin>";
            case "watch" -> "watch <pin> [up|down|none] [<debounce_ms 0-" + Protocol.DEBOUNCE_MAX_MS + ">]";
            case "unwatch" -> "unwatch <pin>";
            case "keepalive" -> "keepalive <ms 0 (off) or " + Protocol.KEEPALIVE_MIN_MS + "-"
                    + Protocol.KEEPALIVE_MAX_MS + ">";
            default -> command;
        };
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
