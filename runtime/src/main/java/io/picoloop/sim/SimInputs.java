package io.picoloop.sim;

import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@link SimConsole}'s keys and lines do to the simulated board's buttons and analog inputs:
 * the inputs the program watches, in the order it watched them, pressed, released or bounced; the
 * analog inputs it reads or streams set to a value. Each method returns false once the input asked
 * to quit (the reading stops there).
 */
final class SimInputs {

    static final String LINES_ACCEPTED = "press [pin], release [pin], bounce [pin],"
            + " analog [pin|temp] <0-" + Protocol.ADC_VALUE_MAX + ">, wait <ms>, await-led, quit";
    /** What + and - step the first analog input by, in percent of full scale (to the next multiple of it). */
    static final int ANALOG_STEP_PERCENT = 5;
    private static final int ANALOG_FULL_SCALE = Protocol.ADC_VALUE_MAX;
    /** The end of a script quits this long after its last line, which acted at once: its events have reached the program. */
    static final long END_OF_SCRIPT_MS = 1000;
    /** How often a line waits to see whether the program watches an input yet, and whether the console closed. */
    private static final long RECHECK_MS = 10;

    /** How long a key's click holds the button: well past the default 20 ms debounce, far short of a long press. */
    static final long CLICK_MS = 100;

    private final SimulatedPico sim;
    /** True: space and 1-9 press and release (a click); false: they press, and release at the next hit. */
    private final boolean clicks;
    private final Runnable quit;
    private final PrintWriter err;
    private final BooleanSupplier closed;
    /** Told each value an analog input is set to (its key, {@code 26} or {@code temp}), to show it. */
    private final BiConsumer<String, Integer> analogSet;
    /** A key found nothing watched and said so: the next keys stay quiet until something is. */
    private boolean toldNothingWatched;
    /** The same for + and - with no analog input read yet. */
    private boolean toldNoAnalog;

    SimInputs(SimulatedPico sim, boolean clicks, Runnable quit, PrintWriter err, BooleanSupplier closed,
              BiConsumer<String, Integer> analogSet) {
        this.sim = sim;
        this.clicks = clicks;
        this.quit = quit;
        this.err = err;
        this.closed = closed;
        this.analogSet = analogSet;
    }

    /** The help line for keys, naming the first watched input once there is one. */
    String keysHelp() {
        String first = watched().stream().findFirst().map(p -> p + " (the first watched input)")
                .orElse("the first watched input");
        return "keys: space = " + (clicks ? "press and release " : "press/release ") + first
                + ", 1-9 = the nth, b = bouncy, +/- = the first analog input read, q = quit";
    }

    /**
     * One key from a terminal: space presses and releases the first watched input (a click, or in
     * turn: see {@link SimConsole.Builder#clickKeys}), {@code 1}-{@code 9} the nth, {@code p}/{@code r}
     * press/release the first, {@code b} bounces it, {@code +}/{@code -} (or {@code =}/{@code _}, the
     * same keys unshifted and shifted) step the first analog input the program read or streamed
     * {@value #ANALOG_STEP_PERCENT} % up or down, {@code q} or Ctrl-D quits. Other keys do nothing.
     */
    boolean key(int c) throws InterruptedException {
        switch (c) {
            case ' ' -> hit(nthWatched(1));
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> hit(nthWatched(c - '0'));
            case 'p', 'P' -> nthWatched(1).ifPresent(sim::press);
            case 'r', 'R' -> nthWatched(1).ifPresent(sim::release);
            case 'b', 'B' -> nthWatched(1).ifPresent(this::bounce);
            case '+', '=' -> stepFirstAnalog(1);
            case '-', '_' -> stepFirstAnalog(-1);
            case 'q', 'Q', 4 -> {       // 4: Ctrl-D, which a terminal without line editing passes on
                quit.run();
                return false;
            }
            default -> { }
        }
        return true;
    }

    /**
     * One line of a script: {@code press [pin]}, {@code release [pin]}, {@code bounce [pin]},
     * {@code analog [pin|temp] <value>} (what an analog input reads from now on, 0-65535),
     * {@code wait <ms>}, {@code await-led} (until the onboard LED is lit), {@code quit}. Without a
     * pin, the first watched input, waiting until the program watches one (a script's first line
     * may come before the program's first button); {@code analog} without one, the first analog
     * input the program read or streamed, waiting likewise. With one it acts at once. A line it cannot read is told on stderr and
     * skipped: the lines after it still act.
     */
    boolean line(String line) throws InterruptedException {
        String[] w = line.strip().toLowerCase(Locale.ROOT).split("\\s+");
        switch (w[0]) {
            case "" -> { }
            case "press", "p", "release", "r", "bounce", "b" -> {
                Optional<PinId> pin = w.length == 1 ? awaitFirstWatched()
                        : w.length == 2 ? PinId.parse(w[1]) : Optional.empty();
                if (pin.isEmpty() && w.length > 1) {
                    ignored(line);
                }
                if (pin.isPresent() && w.length == 2 && !watched().contains(sim.model().wired(pin.get()))) {
                    tell(line.strip() + ": " + pin.get() + " is not watched, so the program sees no change ("
                            + (watched().isEmpty() ? "nothing is watched yet" : "watched: " + names(watched())) + ")");
                }
                pin.ifPresent(p -> {
                    switch (w[0].charAt(0)) {
                        case 'p' -> sim.press(p);
                        case 'r' -> sim.release(p);
                        default -> bounce(p);
                    }
                });
            }
            case "analog", "a" -> {
                int value = w.length == 2 || w.length == 3 ? analogValue(w[w.length - 1]) : -1;
                if (value < 0) {
                    ignored(line);
                } else if (w.length == 2) {
                    awaitFirst(sim::analogInputs).ifPresent(input -> setAnalog(input, value));
                } else {
                    try {
                        setAnalog(w[1], value);
                    } catch (IllegalArgumentException e) {
                        tell(line.strip() + ": " + e.getMessage() + " (" + LINES_ACCEPTED + ")");
                    }
                }
            }
            case "wait" -> {
                long ms = w.length == 2 ? wholeNumber(w[1]) : -1;
                if (ms < 0) {
                    ignored(line);
                } else {
                    Thread.sleep(ms);
                }
            }
            case "await-led" -> {
                if (w.length == 1) {
                    awaitLed();
                } else {
                    ignored(line);
                }
            }
            case "quit", "q" -> {
                if (w.length == 1) {
                    quit.run();
                    return false;
                }
                ignored(line);
            }
            default -> ignored(line);
        }
        return true;
    }

    /** The script ended (stdin closed after at least one line): quits, unless the console closed meanwhile. */
    void endOfScript() throws InterruptedException {
        long end = System.nanoTime() + END_OF_SCRIPT_MS * 1_000_000;
        while (!closed.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(RECHECK_MS);
        }
        if (!closed.getAsBoolean()) {
            quit.run();
        }
    }

    private List<PinId> watched() {
        return List.copyOf(sim.watchedPins());      // a LinkedHashSet underneath: the watch order
    }

    /** The nth watched input (from 1), or empty after saying on stderr why there is none. */
    private Optional<PinId> nthWatched(int n) {
        List<PinId> watched = watched();
        if (watched.isEmpty()) {
            if (!toldNothingWatched) {
                tell("no input is watched yet: the keys press a button once the program watches one");
                toldNothingWatched = true;
            }
            return Optional.empty();
        }
        toldNothingWatched = false;
        if (n > watched.size()) {
            tell("key " + n + ": only " + watched.size() + " input" + (watched.size() == 1 ? " is" : "s are")
                    + " watched (" + names(watched) + ")");
            return Optional.empty();
        }
        return Optional.of(watched.get(n - 1));
    }

    private static String names(List<PinId> pins) {
        return pins.stream().map(PinId::toString).collect(Collectors.joining(", "));
    }

    /** The first watched input once there is one; empty when the console closed meanwhile. */
    private Optional<PinId> awaitFirstWatched() throws InterruptedException {
        return awaitFirst(this::watched);
    }

    /** The first of a list once it has one; empty when the console closed meanwhile. */
    private <T> Optional<T> awaitFirst(Supplier<List<T>> list) throws InterruptedException {
        // polled: the simulator tells listeners of its outputs, not of the watches and reads it serves
        while (!closed.getAsBoolean()) {
            List<T> now = list.get();
            if (!now.isEmpty()) {
                return Optional.of(now.getFirst());
            }
            Thread.sleep(RECHECK_MS);
        }
        return Optional.empty();
    }

    /** + and -: the first analog input read, to the next multiple of the step up or down. */
    private void stepFirstAnalog(int direction) {
        List<String> inputs = sim.analogInputs();
        if (inputs.isEmpty()) {
            if (!toldNoAnalog) {
                tell("no analog input is read yet: + and - set one once the program reads or streams one");
                toldNoAnalog = true;
            }
            return;
        }
        toldNoAnalog = false;
        String input = inputs.getFirst();
        int percent = PinDisplay.percent(sim.analog(input));
        int step = ANALOG_STEP_PERCENT;
        int next = direction > 0 ? (percent / step + 1) * step : ((percent + step - 1) / step - 1) * step;
        next = Math.clamp(next, 0, 100);
        setAnalog(input, (int) Math.round(next * (double) ANALOG_FULL_SCALE / 100));
    }

    private void setAnalog(String input, int value) {
        sim.setAnalog(input, value);
        // shown by its key: 26 whether the line said 26 or GP26
        analogSet.accept(PinId.parse(input).map(PinId::token).orElse(input.toLowerCase(Locale.ROOT)), value);
    }

    /** The value of {@code analog ... <value>}, or -1 for anything but a whole number 0 to 65535. */
    private static int analogValue(String word) {
        long v = wholeNumber(word);
        return v > ANALOG_FULL_SCALE ? -1 : (int) v;
    }

    private boolean pressed(PinId pin) {
        return sim.level(pin).orElse(1) == sim.pressedLevel(pin);
    }

    private void hit(Optional<PinId> pin) throws InterruptedException {
        if (pin.isEmpty()) {
            return;
        }
        if (!clicks) {
            toggle(pin.get());
            return;
        }
        sim.press(pin.get());
        Thread.sleep(CLICK_MS);     // the next key waits: it is read after this click
        sim.release(pin.get());
    }

    private void toggle(PinId pin) {
        if (pressed(pin)) {
            sim.release(pin);
        } else {
            sim.press(pin);
        }
    }

    /** A bouncing contact towards the other state: 5 edges 0.3 ms apart, inside any debounce window. */
    private void bounce(PinId pin) {
        int target = pressed(pin) ? 1 - sim.pressedLevel(pin) : sim.pressedLevel(pin);
        sim.bounce(pin, target, 5, Duration.ofNanos(300_000));
    }

    private void awaitLed() throws InterruptedException {
        CountDownLatch on = new CountDownLatch(1);
        PinListener lit = (pin, level, nanos) -> {
            if (level == 1 && sim.model().isLed(pin)) {
                on.countDown();
            }
        };
        sim.addPinListener(lit);
        try {
            // rechecks whether the console closed: then nobody waits for the rest of the script
            while (!sim.ledOn() && !on.await(RECHECK_MS * 10, TimeUnit.MILLISECONDS) && !closed.getAsBoolean()) {
                // waiting
            }
        } finally {
            sim.removePinListener(lit);
        }
    }

    /** The number of {@code wait <ms>} and {@code analog <value>}, or -1 for anything but a whole number of 0 or more. */
    private static long wholeNumber(String word) {
        try {
            return Math.max(-1, Long.parseLong(word));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void ignored(String line) {
        tell("ignored input \"" + line.strip() + "\" (" + LINES_ACCEPTED + ")");
    }

    private void tell(String message) {
        err.println("picoloop: " + message);
        err.flush();
    }
}
