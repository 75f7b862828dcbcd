package io.picoloop.sim;

import io.picoloop.board.BoardModel;
import io.picoloop.board.PwmOutput;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.Reply;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * PWM outputs (the firmware's bridge_pwm.Pwm): {@code pwm}, {@code fade}, {@code tone}, checked
 * as the firmware checks them, with its messages. Which slice and channel a GPIO drives is the
 * {@link BoardModel}'s ({@link BoardModel#pwm}); both channels of a slice share one frequency. Fades and tones run on the
 * simulator's clock in {@link #service()}. Guarded by the device lock.
 */
final class Pwm {

    private static final String USAGE_PWM = "pwm <pin> <freq_hz " + Protocol.PWM_FREQ_MIN_HZ + "-"
            + Protocol.PWM_FREQ_MAX_HZ + "> <duty 0-" + Protocol.PWM_DUTY_MAX + "> | pwm <pin> off";
    private static final String USAGE_FADE = "fade <pin> <from 0-" + Protocol.PWM_DUTY_MAX + "> <to 0-"
            + Protocol.PWM_DUTY_MAX + "> <ms 1-" + Protocol.PWM_RUN_MAX_MS + ">";
    private static final String USAGE_TONE = "tone <pin> <freq_hz " + Protocol.PWM_FREQ_MIN_HZ + "-"
            + Protocol.PWM_FREQ_MAX_HZ + "> <ms 1-" + Protocol.PWM_RUN_MAX_MS + ">";

    /** A PWM output: the slice's frequency and this channel's duty. */
    private record Output(int freq, int duty) {
    }

    /** A fade or tone: the duty goes from {@code from} to {@code to} between t0 and t1, then is {@code end}. */
    private record Run(long t0, long t1, int from, int to, int end) {
    }

    private final BoardModel model;
    private final PinDriver pins;
    private final Clock clock;
    private final Map<Integer, Output> outputs = new LinkedHashMap<>();
    private final Map<Integer, Run> runs = new HashMap<>();

    Pwm(BoardModel model, PinDriver pins, Clock clock) {
        this.model = model;
        this.pins = pins;
        this.clock = clock;
    }

    /** Its commands, in the order the bridge's command list names them (bridge_pwm's handlers()). */
    Map<String, CommandHandler> handlers(Dispatcher d) {
        Map<String, CommandHandler> h = new LinkedHashMap<>();
        h.put("pwm", (id, a) -> pwm(id, a, d));
        h.put("fade", (id, a) -> fade(id, a, d));
        h.put("tone", (id, a) -> tone(id, a, d));
        return h;
    }

    Reply pwm(int id, List<String> a, Dispatcher d) {
        if (a.size() == 2 && a.get(1).toLowerCase(Locale.ROOT).equals("off")) {
            return ok(id, stop(output(id, a.get(0), USAGE_PWM, d)));
        }
        if (a.size() != 3) {
            throw usage(id, "", USAGE_PWM);
        }
        int gpio = gpio(id, a.get(0), d);
        int freq = freq(id, a.get(1), USAGE_PWM);
        int duty = duty(id, a.get(2), USAGE_PWM);
        runs.remove(gpio); // a duty asked for ends a fade or tone
        return ok(id, start(id, gpio, freq, duty, d));
    }

    Reply fade(int id, List<String> a, Dispatcher d) {
        if (a.size() != 4) {
            throw usage(id, "", USAGE_FADE);
        }
        int gpio = output(id, a.get(0), USAGE_FADE, d);
        int from = duty(id, a.get(1), USAGE_FADE);
        int to = duty(id, a.get(2), USAGE_FADE);
        int ms = ms(id, a.get(3), USAGE_FADE);
        long t0 = start(id, gpio, outputs.get(gpio).freq(), from, d);
        runs.put(gpio, new Run(t0, t0 + ms * 1_000_000L, from, to, to));
        return ok(id, t0);
    }

    Reply tone(int id, List<String> a, Dispatcher d) {
        if (a.size() != 3) {
            throw usage(id, "", USAGE_TONE);
        }
        int gpio = gpio(id, a.get(0), d);
        int freq = freq(id, a.get(1), USAGE_TONE);
        int ms = ms(id, a.get(2), USAGE_TONE);
        long t0 = start(id, gpio, freq, Protocol.TONE_DUTY, d);
        runs.put(gpio, new Run(t0, t0 + ms * 1_000_000L, Protocol.TONE_DUTY, Protocol.TONE_DUTY, 0));
        return ok(id, t0);
    }

    /** The duty a PWM output runs at now (duty_u16), or empty when it is not one. */
    OptionalInt duty(PinId pin) {
        Output o = pin.isLed() ? null : outputs.get(pin.gpio());
        return o == null ? OptionalInt.empty() : OptionalInt.of(o.duty());
    }

    /** The frequency of a PWM output, or empty when it is not one. */
    OptionalInt frequency(PinId pin) {
        Output o = pin.isLed() ? null : outputs.get(pin.gpio());
        return o == null ? OptionalInt.empty() : OptionalInt.of(o.freq());
    }

    /** Before the pin takes another role: its PWM ends, if it had one. */
    void release(PinId pin) {
        if (!pin.isLed() && outputs.containsKey(pin.gpio())) {
            stop(pin.gpio());
        }
    }

    /** A reset: no PWM output, nothing running (the pins themselves are forgotten by the PinDriver). */
    void forget() {
        outputs.clear();
        runs.clear();
    }

    /** The safe state's part: every PWM output, fades and tones with them, a plain output driven low. */
    void allOff() {
        for (int gpio : List.copyOf(outputs.keySet())) {
            stop(gpio);
        }
    }

    /**
     * Moves every fade to its duty for now, ends the fades and tones that are over; the nanoseconds
     * until it should run again, or -1 when nothing runs.
     */
    long service() {
        long now = clock.nanos();
        long wait = -1;
        for (Map.Entry<Integer, Run> e : List.copyOf(runs.entrySet())) {
            Run r = e.getValue();
            long left = r.t1() - now;
            int duty;
            if (left <= 0) {
                runs.remove(e.getKey());
                duty = r.end();
            } else {
                duty = (int) (r.to() - Math.floorDiv((long) (r.to() - r.from()) * left, r.t1() - r.t0()));
                long step = r.from() == r.to() ? left : Math.min(left, Protocol.FADE_STEP_MS * 1_000_000L);
                wait = wait < 0 ? step : Math.min(wait, step);
            }
            Output o = outputs.get(e.getKey());
            if (o != null && o.duty() != duty) {
                outputs.put(e.getKey(), new Output(o.freq(), duty));
                pins.tellPwm(PinId.gpio(e.getKey()), duty, runs.containsKey(e.getKey()), now);
            }
        }
        return wait;
    }

    private long start(int id, int gpio, int freq, int duty, Dispatcher d) {
        checkSlice(id, gpio, freq);
        if (!outputs.containsKey(gpio)) {
            d.release(PinId.gpio(gpio)); // no longer watched or sampled
        }
        long now = clock.nanos();
        pins.setUpPwm(PinId.gpio(gpio));
        outputs.put(gpio, new Output(freq, duty));
        pins.tellPwm(PinId.gpio(gpio), duty, false, now);  // a fade or tone starts running after this
        return now;
    }

    private long stop(int gpio) {
        runs.remove(gpio);
        outputs.remove(gpio);
        return pins.drive(PinId.gpio(gpio), 0, true);
    }

    private void checkSlice(int id, int gpio, int freq) {
        PwmOutput here = model.pwm(gpio);
        for (Map.Entry<Integer, Output> e : outputs.entrySet()) {
            int other = e.getKey();
            PwmOutput there = model.pwm(other);
            if (other == gpio || there.slice() != here.slice()) {
                continue;
            }
            if (there.equals(here)) {
                throw Dispatcher.refuse(id, "pin", "GP" + gpio + " and GP" + other + " are the same PWM output (slice "
                        + here.slice() + " channel " + "AB".charAt(here.channel()) + "): only one of them can run PWM");
            }
            int f = e.getValue().freq();
            if (f != freq) {
                throw Dispatcher.refuse(id, "pin", "GP" + gpio + " shares PWM slice "
                        + here.slice() + " with GP" + other + ", which runs at " + f + " Hz: both pins of a slice"
                        + " have one frequency; use " + f + " Hz, or a pin on another slice");
            }
        }
    }

    private int gpio(int id, String token, Dispatcher d) {
        PinId pin = d.pin(id, token);
        if (pin.isLed()) {
            throw Dispatcher.refuse(id, "pin", "LED is on the wireless chip, not a GPIO:"
                    + " PWM needs a GPIO from the header (free: " + model.freeGpioText() + ")");
        }
        return pin.gpio();
    }

    private int output(int id, String token, String usage, Dispatcher d) {
        int gpio = gpio(id, token, d);
        if (!outputs.containsKey(gpio)) {
            throw Dispatcher.refuse(id, "mode", gpio + " is not a PWM output; send: pwm "
                    + gpio + " <freq_hz> <duty> (" + usage + ")");
        }
        return gpio;
    }

    private static int freq(int id, String token, String usage) {
        int hz = Dispatcher.number(token, 7);
        if (hz < Protocol.PWM_FREQ_MIN_HZ || hz > Protocol.PWM_FREQ_MAX_HZ) {
            throw usage(id, "frequency must be " + Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ
                    + " Hz, what the PWM divider reaches; ", usage);
        }
        return hz;
    }

    private static int duty(int id, String token, String usage) {
        int duty = Dispatcher.number(token, 5);
        if (duty < 0 || duty > Protocol.PWM_DUTY_MAX) {
            throw usage(id, "duty must be 0 (low) to " + Protocol.PWM_DUTY_MAX + " (high); ", usage);
        }
        return duty;
    }

    private static int ms(int id, String token, String usage) {
        int ms = Dispatcher.number(token, 6);
        if (ms < 1 || ms > Protocol.PWM_RUN_MAX_MS) {
            throw usage(id, "time must be 1 to " + Protocol.PWM_RUN_MAX_MS + " ms; ", usage);
        }
        return ms;
    }

    private static Dispatcher.Refusal usage(int id, String why, String usage) {
        return Dispatcher.refuse(id, "args", why + "usage: " + usage);
    }

    private Reply ok(int id, long nanos) {
        return Reply.ok(id, Long.toString(clock.micros(nanos)));
    }
}
