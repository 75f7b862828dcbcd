package io.picoloop.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The host's catalogue of requests (docs/protocol.md, "Commands"): each command's word, how its
 * arguments are written, how its {@code ok} reply reads, and the error codes the host acts on.
 * Nothing else on the host writes a command word or reads a reply by position
 * ({@code CatalogueIsTheOneDoorTest}); a new command gets its entry here, beside its spec, its
 * vectors and the firmware's handler (docs/architecture.md, "Where each kind of change goes").
 * The events are {@link Events}; the limits {@link Protocol}.
 */
public final class Commands {

    public static final String HELLO = "hello";
    public static final String PING = "ping";
    public static final String MODE = "mode";
    public static final String WRITE = "write";
    public static final String TOGGLE = "toggle";
    public static final String READ = "read";
    public static final String WATCH = "watch";
    public static final String UNWATCH = "unwatch";
    public static final String KEEPALIVE = "keepalive";
    public static final String OFF = "off";
    public static final String PWM = "pwm";
    public static final String FADE = "fade";
    public static final String TONE = "tone";
    public static final String ADC = "adc";
    public static final String STREAM = "stream";
    public static final String FILES = "files";

    /** The directions of {@code mode}. */
    public static final String OUT = "out";
    public static final String IN = "in";
    /** The pulls of {@code mode <pin> in} and {@code watch}; what each means when left out is {@link #pinEffects}'s. */
    public static final String PULL_UP = "up";
    public static final String PULL_DOWN = "down";
    public static final String PULL_NONE = "none";

    /** The analog input of {@code adc} and {@code stream} that is the chip's temperature sensor ({@link AdcInput#TEMPERATURE}). */
    public static final String TEMPERATURE = "temp";

    /** {@code err <code>}: the command is not known (an older bridge). */
    public static final String ERR_UNKNOWN = "unknown";
    /** {@code err <code>}: the pin cannot do that (not free, not a GPIO). */
    public static final String ERR_PIN = "pin";
    /** {@code err <code>}: the pin is not in the mode the command needs. */
    public static final String ERR_MODE = "mode";

    private Commands() {
    }

    // ---- requests ----

    /** {@code hello}: the handshake; its reply is read by {@link HelloReply#decode}. */
    public static Command hello() {
        return new Command(HELLO);
    }

    /** {@code ping}: {@code ok <t_us>}, see {@link #pingMicros}. */
    public static Command ping() {
        return new Command(PING);
    }

    /** {@code mode <pin> out <level>}: an output driven to {@code high} at once. */
    public static Command modeOut(PinId pin, boolean high) {
        return new Command(MODE, pin.token(), OUT, bit(high));
    }

    /** {@code mode <pin> in <pull>}. */
    public static Command modeIn(PinId pin, String pull) {
        return new Command(MODE, pin.token(), IN, pull);
    }

    /** {@code write <pin> <level>}: {@code ok [<t_us>]}, see {@link #writeTime}. */
    public static Command write(PinId pin, boolean high) {
        return new Command(WRITE, pin.token(), bit(high));
    }

    /** {@code write <pin> <level> <pin> <level> ...}, in the map's order, set in one instant (firmware 0.4.0). */
    public static Command writeTogether(Map<PinId, Boolean> levels) {
        List<String> args = new ArrayList<>();
        levels.forEach((pin, high) -> {
            args.add(pin.token());
            args.add(bit(high));
        });
        return new Command(WRITE, args.toArray(String[]::new));
    }

    /** {@code toggle <pin>}: {@code ok <level> [<t_us>]}, see {@link #level} and {@link #toggleTime}. */
    public static Command toggle(PinId pin) {
        return new Command(TOGGLE, pin.token());
    }

    /** {@code read <pin>}: {@code ok <level>}. */
    public static Command read(PinId pin) {
        return new Command(READ, pin.token());
    }

    /** {@code watch <pin> <pull> <debounce_ms>}: {@code ok <level>}; then {@code ! edge} events. */
    public static Command watch(PinId pin, String pull, long debounceMs) {
        return new Command(WATCH, pin.token(), pull, Long.toString(debounceMs));
    }

    /** {@code unwatch <pin>}. */
    public static Command unwatch(PinId pin) {
        return new Command(UNWATCH, pin.token());
    }

    /** {@code keepalive <ms>}: 0 (off) or {@link Protocol#KEEPALIVE_MIN_MS} to {@link Protocol#KEEPALIVE_MAX_MS}. */
    public static Command keepalive(long ms) {
        return new Command(KEEPALIVE, Long.toString(ms));
    }

    /** {@code off}: every output low; {@code ok <count>}, see {@link #offCount}. */
    public static Command off() {
        return new Command(OFF);
    }

    /** {@code pwm <pin> <freq_hz> <duty>}: {@code ok <t_us>}, see {@link #effectTime} (firmware 0.5.0). */
    public static Command pwm(PinId pin, int frequencyHz, int duty) {
        return new Command(PWM, pin.token(), Integer.toString(frequencyHz), Integer.toString(duty));
    }

    /** {@code pwm <pin> off}: the pin becomes an output driven low; {@code ok <t_us>}. */
    public static Command pwmOff(PinId pin) {
        return new Command(PWM, pin.token(), OFF);
    }

    /** {@code fade <pin> <from> <to> <ms>}: run by the board; {@code ok <t_us>}, the fade's start. */
    public static Command fade(PinId pin, int fromDuty, int toDuty, long ms) {
        return new Command(FADE, pin.token(), Integer.toString(fromDuty), Integer.toString(toDuty), Long.toString(ms));
    }

    /** {@code tone <pin> <freq_hz> <ms>}: a square wave, then duty 0; {@code ok <t_us>}. */
    public static Command tone(PinId pin, int frequencyHz, long ms) {
        return new Command(TONE, pin.token(), Integer.toString(frequencyHz), Long.toString(ms));
    }

    /** {@code adc <input>}: {@code ok <value> <t_us>}, see {@link #adcReading}. */
    public static Command adc(AdcInput input) {
        return new Command(ADC, input.token());
    }

    /** {@code stream <input> <period_ms>}: {@code ok <t_us>} (sample k due at t_us + k x period), then {@code ! sample} events. */
    public static Command stream(AdcInput input, long periodMs) {
        return new Command(STREAM, input.token(), Long.toString(periodMs));
    }

    /** {@code stream <input> off}. */
    public static Command streamOff(AdcInput input) {
        return new Command(STREAM, input.token(), OFF);
    }

    /** {@code files}: the digest of the bridge's own files on the board (firmware 0.6.0), see {@link #filesDigest}. */
    public static Command files() {
        return new Command(FILES);
    }

    // ---- replies ----

    /** One conversion of {@code adc}: the value (0 to {@link Protocol#ADC_VALUE_MAX}) and the device time. */
    public record AdcReading(int value, long micros) {
    }

    /**
     * The bridge's files as {@code files} counts them: main.py and every name starting with
     * "bridge" or "main.py." on the board, and one sha256 over "name sha256\n" of each, sorted by name.
     */
    public record FilesDigest(int count, String sha256) {

        /** The digest the bridge would give for these files (name to sha256 hex), computed on the host. */
        public static FilesDigest of(Map<String, String> sha256ByName) {
            StringBuilder lines = new StringBuilder();
            new java.util.TreeMap<>(sha256ByName).forEach((name, sha) -> lines.append(name).append(' ').append(sha).append('\n'));
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return new FilesDigest(sha256ByName.size(), java.util.HexFormat.of().formatHex(d));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /** The reply {@code ok <n> <sha256 hex>} of {@code files}. */
    public static FilesDigest filesDigest(Reply r) {
        long n = r.values().isEmpty() ? -1 : r.longValue(0);
        if (n < 0 || r.values().size() < 2 || !r.values().get(1).matches("[0-9a-f]{64}")) {
            throw new ProtocolException("expected a file count and a sha256, saw \"" + LineCodec.describe(r.encode()) + "\"");
        }
        return new FilesDigest((int) n, r.values().get(1));
    }

    /** The reply {@code ok <value> <t_us>} of {@code adc}. */
    public static AdcReading adcReading(Reply r) {
        long value = r.values().isEmpty() ? -1 : r.longValue(0);
        if (value < 0 || value > Protocol.ADC_VALUE_MAX || r.values().size() < 2) {
            throw new ProtocolException("expected an analog value and a device time, saw \""
                    + LineCodec.describe(r.encode()) + "\"");
        }
        return new AdcReading((int) value, deviceTime(r, 1).orElseThrow());
    }

    /**
     * The device time of {@code pwm}, {@code fade}, {@code tone} and {@code stream}'s {@code ok <t_us>}:
     * when it took effect (a fade's start; a stream's t0).
     */
    public static long effectTime(Reply r) {
        return deviceTime(r, 0).orElseThrow(() -> new ProtocolException("expected a device time, saw \""
                + LineCodec.describe(r.encode()) + "\""));
    }

    /** The level of {@code toggle}, {@code read} and {@code watch}: {@code ok <0|1> ...}. */
    public static boolean level(Reply r) {
        long v = r.longValue(0);
        if (v != 0 && v != 1) {
            throw new ProtocolException("expected a level 0 or 1, saw \"" + LineCodec.describe(r.encode()) + "\"");
        }
        return v == 1;
    }

    /** The device time a {@code write} took effect; empty from a bridge before it said so. */
    public static OptionalLong writeTime(Reply r) {
        return deviceTime(r, 0);
    }

    /** The device time a {@code toggle} took effect; empty from a bridge before it said so. */
    public static OptionalLong toggleTime(Reply r) {
        return deviceTime(r, 1);
    }

    /** The device clock of a {@code ping}, in µs. */
    public static long pingMicros(Reply r) {
        return r.longValue(0);
    }

    /** True when the reply carries the ping's time (a sample for the device clock). */
    public static boolean hasPingTime(Reply r) {
        return r.ok() && !r.values().isEmpty();
    }

    /** How many outputs {@code off} drove low. */
    public static int offCount(Reply r) {
        return (int) r.longValue(0);
    }

    private static OptionalLong deviceTime(Reply r, int index) {
        if (r.values().size() <= index) {
            return OptionalLong.empty();
        }
        long t = r.longValue(index);
        if (t < 0) {
            throw new ProtocolException("expected a device time, saw \"" + LineCodec.describe(r.encode()) + "\"");
        }
        return OptionalLong.of(t);
    }

    // ---- what a confirmed request did to the pins ----

    /**
     * What the {@code ok} to {@code request} says the board's pins now are: outputs and their
     * levels, inputs and their pulls, PWM outputs and their frequency and duty (a fade's and a
     * tone's where they end), analog inputs and streams, or every output low. Empty for commands that change no pin
     * (ping, read, unwatch: the pin stays an input; keepalive, hello) and for requests it cannot read.
     */
    public static List<PinEffect> pinEffects(Request request, Reply reply) {
        List<PinEffect> out = new ArrayList<>();
        try {
            effects(request.command(), request.args(), reply, out);
        } catch (NumberFormatException unreadable) {
            // (the board would have refused it: a raw request of the program's own)
        }
        return out;
    }

    private static void effects(String command, List<String> a, Reply reply, List<PinEffect> out) {
        switch (command) {
            case MODE -> {
                PinId pin = pin(a, 0);
                if (pin != null && a.size() >= 2) {
                    out.add(a.get(1).equals(OUT)
                            ? new PinEffect.Output(pin, a.size() > 2 && a.get(2).equals("1"))
                            : new PinEffect.Input(pin, a.size() > 2 ? a.get(2) : PULL_NONE));
                }
            }
            case WRITE -> {
                // one pair, or several set in one instant: the ok covers every pair
                for (int i = 0; i + 1 < a.size(); i += 2) {
                    PinId pin = pin(a, i);
                    if (pin != null) {
                        out.add(new PinEffect.Level(pin, a.get(i + 1).equals("1")));
                    }
                }
            }
            case TOGGLE -> {
                PinId pin = pin(a, 0);
                if (pin != null && !reply.values().isEmpty()) {
                    out.add(new PinEffect.Level(pin, reply.longValue(0) == 1));
                }
            }
            case WATCH -> {
                PinId pin = pin(a, 0);
                if (pin != null) {
                    out.add(new PinEffect.Input(pin, a.size() > 1 ? a.get(1) : PULL_UP));
                }
            }
            case OFF -> out.add(new PinEffect.AllLow());
            case PWM -> {
                PinId pin = pin(a, 0);
                if (pin != null && a.size() == 2 && a.get(1).equals(OFF)) {
                    out.add(new PinEffect.Output(pin, false));
                } else if (pin != null && a.size() == 3) {
                    out.add(new PinEffect.Pwm(pin, Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2))));
                }
            }
            case FADE -> {
                PinId pin = pin(a, 0);
                if (pin != null && a.size() == 4) {
                    out.add(new PinEffect.Duty(pin, Integer.parseInt(a.get(2))));     // where the fade ends
                }
            }
            case TONE -> {
                PinId pin = pin(a, 0);
                if (pin != null && a.size() == 3) {
                    out.add(new PinEffect.Pwm(pin, Integer.parseInt(a.get(1)), 0));   // a tone ends at duty 0
                }
            }
            case ADC -> {
                AdcInput input = a.isEmpty() ? null : AdcInput.parse(a.get(0)).orElse(null);
                if (input != null && !input.isTemperature()) {
                    out.add(new PinEffect.Analog(PinId.gpio(input.gpio())));
                }
            }
            case STREAM -> {
                AdcInput input = a.isEmpty() ? null : AdcInput.parse(a.get(0)).orElse(null);
                if (input != null && a.size() == 2) {
                    out.add(a.get(1).equals(OFF) ? new PinEffect.StreamStopped(input)
                            : new PinEffect.Stream(input, Long.parseLong(a.get(1))));
                }
            }
            default -> {
                // no pin changes
            }
        }
    }

    private static PinId pin(List<String> args, int i) {
        return args.size() > i ? PinId.parse(args.get(i)).orElse(null) : null;
    }

    private static String bit(boolean high) {
        return high ? "1" : "0";
    }
}
