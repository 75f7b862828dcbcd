package io.picoloop.sim;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analog inputs (the firmware's bridge_adc.Analog): {@code adc} and {@code stream} on the free GPIO
 * the {@link BoardModel} gives an ADC channel and on {@code temp}, checked as the firmware checks
 * them, with its messages. What an input reads is set from outside
 * ({@link SimulatedPico#setAnalog}); a stream's sample k is due at t0 + k * period on the
 * simulator's clock, and one the loop was a whole period or more late for is counted as lost, in
 * the edges' sequence. Guarded by the device lock (the values may be set from any thread).
 */
final class Analog {

    static final String TEMP = "temp";
    /** What the temperature sensor reads at 27 degrees C: 0.706 V of 3.3 V in 12 bits, scaled to 16 as read_u16 does. */
    static final int TEMP_27C = 876 << 4 | 876 >> 8;

    /** A stream: its period and the time its next sample is due, in nanoseconds. */
    private static final class Stream {
        final long period;
        long due;

        Stream(long period, long due) {
            this.period = period;
            this.due = due;
        }
    }

    private final BoardModel model;
    private final PinDriver pins;
    private final Clock clock;
    private final Edges events;
    /** "26, 27, 28, temp": the inputs, as the messages name them. */
    private final String names;
    private final String usageAdc;
    private final String usageStream;
    private final Map<String, Integer> values = new ConcurrentHashMap<>();
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    /** The inputs the host read or streamed, in the order it first did (they outlive a restart, as the wiring does). */
    private final Set<String> used = new LinkedHashSet<>();

    Analog(BoardModel model, PinDriver pins, Clock clock, Edges events) {
        this.model = model;
        this.pins = pins;
        this.clock = clock;
        this.events = events;
        List<String> inputs = new ArrayList<>(model.adcGpio().stream().map(String::valueOf).toList());
        inputs.add(TEMP);
        this.names = String.join(", ", inputs);
        String choice = String.join("|", inputs);
        this.usageAdc = "adc <" + choice + ">";
        this.usageStream = "stream <" + choice + "> <period_ms " + Protocol.STREAM_PERIOD_MIN_MS + "-"
                + Protocol.STREAM_PERIOD_MAX_MS + "> | stream <" + choice + "> off";
    }

    /** Its commands, in the order the bridge's command list names them (bridge_adc's handlers()). */
    Map<String, CommandHandler> handlers(Dispatcher d) {
        Map<String, CommandHandler> h = new LinkedHashMap<>();
        h.put("adc", (id, a) -> adc(id, a, d));
        h.put("stream", (id, a) -> stream(id, a, d));
        return h;
    }

    Reply adc(int id, List<String> a, Dispatcher d) {
        if (a.size() != 1) {
            throw usage(id, "", usageAdc);
        }
        String key = analog(input(id, a.getFirst(), d), d);
        used.add(key);
        int value = read(key);
        return Reply.ok(id, Integer.toString(value), Long.toString(clock.micros(clock.nanos())));
    }

    Reply stream(int id, List<String> a, Dispatcher d) {
        if (a.size() != 2) {
            throw usage(id, "", usageStream);
        }
        String key = input(id, a.getFirst(), d);
        if (a.get(1).toLowerCase(Locale.ROOT).equals("off")) {
            if (streams.remove(key) == null) {
                return Reply.err(id, "mode", key + " is not streamed; send: stream " + key + " <period_ms>");
            }
            return Reply.ok(id);
        }
        int ms = Dispatcher.number(a.get(1), 5);
        if (ms < Protocol.STREAM_PERIOD_MIN_MS || ms > Protocol.STREAM_PERIOD_MAX_MS) {
            throw usage(id, "period must be " + Protocol.STREAM_PERIOD_MIN_MS + " to " + Protocol.STREAM_PERIOD_MAX_MS
                    + " ms; ", usageStream);
        }
        analog(key, d);
        used.add(key);
        long t0 = clock.nanos();
        streams.put(key, new Stream(ms * 1_000_000L, t0 + ms * 1_000_000L)); // sample k at t0 + k * period, k >= 1
        return Reply.ok(id, Long.toString(clock.micros(t0)));
    }

    /** What an input reads (read_u16): a GPIO with an ADC channel ({@code 26}, {@code GP26}) or {@code temp}. */
    void set(String input, int value) {
        String key = key(input);
        if (value < 0 || value > Protocol.ADC_VALUE_MAX) {
            throw new IllegalArgumentException("an analog value is 0 to " + Protocol.ADC_VALUE_MAX + " (read_u16), not " + value);
        }
        values.put(key, value);
    }

    /** The input's key ({@code 26}, {@code temp}) for a token naming one on this board. */
    String key(String input) {
        String t = input.toLowerCase(Locale.ROOT);
        if (t.equals(TEMP)) {
            return TEMP;
        }
        int gpio = Dispatcher.number(t.startsWith("gp") ? t.substring(2) : t, 2);
        if (model.adcChannel(gpio).isEmpty()) {
            throw new IllegalArgumentException("no analog input " + input + ": use " + names.replace(", " + TEMP, " or " + TEMP));
        }
        return Integer.toString(gpio);
    }

    int read(String key) {
        return values.getOrDefault(key, key.equals(TEMP) ? TEMP_27C : 0);
    }

    /** The inputs the host read or streamed, in the order it first did. */
    List<String> used() {
        return List.copyOf(used);
    }

    /** Before the pin takes another role: its stream ends, if it had one. */
    void release(PinId pin) {
        streams.remove(pin.token());
    }

    void stopAll() {
        streams.clear();
    }

    /**
     * Takes every sample that is due and sends it ({@code ! sample <input> <value> <t_us> <seq>});
     * one a whole period late or more is not taken but counted as lost. The nanoseconds until the
     * next is due, or -1 when nothing streams.
     */
    long service() {
        long wait = -1;
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            Stream s = e.getValue();
            long now = clock.nanos();
            long late = now - s.due;
            if (late >= 0) {
                long missed = late / s.period;
                if (missed > 0) {
                    events.lose(missed);
                }
                events.send("sample", e.getKey(), Integer.toString(read(e.getKey())), Long.toString(clock.micros(now)));
                s.due += (missed + 1) * s.period;
            }
            long left = s.due - now;
            wait = wait < 0 ? left : Math.min(wait, left);
        }
        return wait;
    }

    private String input(int id, String token, Dispatcher d) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.equals(TEMP)) {
            return TEMP;
        }
        int gpio = Dispatcher.number(t.startsWith("gp") ? t.substring(2) : t, 2);
        OptionalInt channel = model.ownAdcChannel(gpio);
        if (channel.isPresent()) {
            throw Dispatcher.refuse(id, "pin", model.boardUse(gpio).orElseThrow() + ": ADC channel "
                    + channel.getAsInt() + (channel.getAsInt() == BoardModel.ADC_VSYS_CHANNEL
                    ? " reads VSYS/3 (the supply)" : " is the board's") + ", not a header pin; analog inputs: " + names);
        }
        PinId pin = d.pin(id, token);
        if (pin.isLed() || model.adcChannel(pin.gpio()).isEmpty()) {
            throw Dispatcher.refuse(id, "pin", pin.token() + " has no ADC: analog inputs are "
                    + names.replace(", " + TEMP, " and " + TEMP) + " (the chip's temperature sensor)");
        }
        return pin.token();
    }

    /** The pin made an analog input, if it is not one yet (no longer an output, watched or PWM). */
    private String analog(String key, Dispatcher d) {
        if (!key.equals(TEMP)) {
            PinId pin = PinId.gpio(Integer.parseInt(key));
            if (!pins.isAnalog(pin)) {
                d.release(pin);
                pins.setUpAnalog(pin);
            }
        }
        return key;
    }

    private static Dispatcher.Refusal usage(int id, String why, String usage) {
        return Dispatcher.refuse(id, "args", why + "usage: " + usage);
    }
}
