package io.picoloop.button;

import io.picoloop.button.ButtonEvent.Kind;
import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.Edge;
import io.picoloop.device.LostEvents;
import io.picoloop.device.Pico;
import io.picoloop.device.Pull;
import io.picoloop.device.WatchedInput;
import io.picoloop.loop.Async;
import io.picoloop.loop.Event;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.loop.Timer;
import io.picoloop.protocol.PinId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A push button on a Pico pin, for picoloop tasks: {@code awaitPress()}, {@code awaitRelease()},
 * {@code awaitLongPress()}, {@code awaitDoubleClick()}, {@code awaitClick()} (each with a timeout
 * overload), {@link #isPressed()}, and listeners for those who prefer callbacks. Semantics after
 * Peter Hinch's micropython-async {@code Pushbutton}; see {@link ButtonEvent.Kind}.
 *
 * <pre>{@code
 * loop.run(() -> {
 *     Button b = Button.on(pico, 14).open();          // GP14 to GND, pull-up, active low
 *     ButtonEvent press = b.awaitPress(Duration.ofSeconds(10));
 * });
 * }</pre>
 *
 * <p>Built on {@link WatchedInput}: its listeners are added before the watch is sent (no edge is
 * missed) with {@code loop::post} as their executor, so each edge goes from the client's reader
 * thread to the loop in one hand-off; all state lives on the loop thread, so what tasks see is
 * deterministic. The gestures are {@link ButtonGestures}, judged on the device clock alone (immune
 * to USB latency and to the host's estimate of the device clock):
 * <ul>
 *   <li>double click: the second press's <em>device</em> time minus the first's is at most the
 *       double-click time;</li>
 *   <li>long press: still down when the device clock passes the press plus the long-press time;</li>
 *   <li>click: no second press before the device clock passes the press plus the double-click time.</li>
 * </ul>
 * The host knows the device clock has passed a moment when a later edge arrives, or
 * {@link #VERDICT_DELAY} of loop time after that moment (counted from the last edge's arrival): a
 * click or long press is announced that much later than it happened; the event's times are exact. The Pico's host clock must be
 * the loop's clock: the default on a real clock; on a virtual clock connect with
 * {@code DeviceOptions.withHostClock(loop.clock()::nanoTime)}.
 *
 * <p>Lost events (see {@link LostEvents}) reset the gestures in progress (no double click or
 * click can span a loss) and go to {@link #onLost}; the next edge sets the true state.
 *
 * <p>The watch ends when the link to the board closes (unplugged, reset, the port failed), the
 * board restarts or its keepalive runs out (it forgot the watch), or the program calls
 * {@link #close()}. Then every task waiting in an {@code await...} wakes and gets, naming the reason:
 * <ul>
 *   <li>{@link DeviceDisconnectedException} when the link closed, as every other call on that
 *       board does from then on: {@code "the button on GP14 is no longer watched: lost the
 *       connection to /dev/ttyACM0: ... (device unplugged or reset?)"};</li>
 *   <li>{@link IllegalStateException} for the other ends ("the board restarted (...): watch again",
 *       "closed").</li>
 * </ul>
 * A later {@code await...} throws the same at once. A task that only listens (callbacks, no
 * {@code await...} pending) would not notice: it waits for the end with {@link #awaitEnd()}, which
 * returns the reason, instead of sleeping.
 */
public final class Button implements AutoCloseable {

    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(20);
    public static final Duration DEFAULT_LONG_PRESS = Duration.ofMillis(1000);
    public static final Duration DEFAULT_DOUBLE_CLICK = Duration.ofMillis(400);
    /** How long after it happened (on the device clock) a click or long press is announced: edges in flight. */
    public static final Duration VERDICT_DELAY = Duration.ofNanos(ButtonGestures.IN_FLIGHT);

    /** Settings, then {@link #open()}. */
    public static final class Builder {
        private final Pico pico;
        private final PinId pin;
        private Pull pull = Pull.UP;
        private boolean activeLow = true;
        private Duration debounce = DEFAULT_DEBOUNCE;
        private Duration longPress = DEFAULT_LONG_PRESS;
        private Duration doubleClick = DEFAULT_DOUBLE_CLICK;

        private Builder(Pico pico, PinId pin) {
            this.pico = Objects.requireNonNull(pico, "pico");
            this.pin = pin;
        }

        /** The pull resistor (default up, for a button to GND). */
        public Builder pull(Pull p) {
            this.pull = Objects.requireNonNull(p, "pull");
            return this;
        }

        /** True (default): pressed reads low, a button to GND. False: a button to 3V3 (use pull down). */
        public Builder activeLow(boolean b) {
            this.activeLow = b;
            return this;
        }

        public Builder debounce(Duration d) {
            this.debounce = positiveOrZero(d, "debounce");
            return this;
        }

        public Builder longPress(Duration d) {
            this.longPress = positive(d, "long press");
            return this;
        }

        public Builder doubleClick(Duration d) {
            this.doubleClick = positive(d, "double click");
            return this;
        }

        /** Watches the pin and returns the button, on the calling task's loop. */
        public Button open() {
            return open(Async.currentLoop());
        }

        /**
         * Watches the pin ({@link Pico#watch}: parks a task, blocks a plain thread) and returns the
         * button, delivering to {@code loop}.
         *
         * @throws IllegalStateException when the Pico's host clock is not the loop's
         */
        public Button open(EventLoop loop) {
            long skew = Math.abs(pico.hostNanos() - loop.nowNanos());
            if (skew > 1_000_000_000L) {
                throw new IllegalStateException("the Pico's host clock is not this loop's clock (they differ by "
                        + skew / 1_000_000 + " ms): connect with DeviceOptions.defaults()"
                        + ".withHostClock(loop.clock()::nanoTime)");
            }
            Button[] made = new Button[1];
            // the button listens before the watch request is sent: no edge of the watch is missed
            pico.watch(pin, pull, debounce,
                    in -> made[0] = new Button(loop, pico, in, activeLow, longPress, doubleClick));
            return made[0];
        }
    }

    private static Duration positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    private static Duration positiveOrZero(Duration d, String what) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }

    public static Builder on(Pico pico, int gpio) {
        return new Builder(pico, PinId.gpio(gpio));
    }

    /** A pin as {@code 14} or {@code GP14}. */
    public static Builder on(Pico pico, String pin) {
        return new Builder(pico, pico.parsePin(pin));
    }

    public static Builder on(Pico pico, PinId pin) {
        return new Builder(pico, pin);
    }

    /** A value for the tasks waiting on one kind; replaced each time it fires. */
    private static final class Slot {
        final Event event = new Event();
        ButtonEvent value;
    }

    private final EventLoop loop;
    private final WatchedInput input;
    private final PinId pin;
    private final boolean activeLow;
    private final ButtonGestures gestures;
    private final Map<Kind, Slot> slots = new EnumMap<>(Kind.class);
    private final Event endEvent = new Event();
    private final Map<Kind, List<Consumer<ButtonEvent>>> listeners = new EnumMap<>(Kind.class);
    private final List<Consumer<ButtonEvent>> allListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LostEvents>> lostListeners = new CopyOnWriteArrayList<>();
    private final Consumer<Edge> edgeListener;
    private final Consumer<LostEvents> lostListener;
    private final Consumer<String> endListener;

    // loop-thread state
    private boolean started;
    private long lost;
    private String ended;
    private boolean linkClosed;

    /**
     * Listens to {@code input} (before its watch is sent, or at least before it is active): edges,
     * losses and the end go from the reader thread straight to the loop ({@code loop.post}, one
     * hand-off), in the order they came.
     */
    private Button(EventLoop loop, Pico pico, WatchedInput input, boolean activeLow, Duration longPress,
                   Duration doubleClick) {
        this.loop = loop;
        this.input = input;
        this.pin = input.pin();
        this.activeLow = activeLow;
        for (Kind k : Kind.values()) {
            slots.put(k, new Slot());
            listeners.put(k, new CopyOnWriteArrayList<>());
        }
        ButtonGestures.Timers timers = (label, delayNanos, action) -> {
            Timer t = loop.runLater(label, Duration.ofNanos(delayNanos), action);
            return t::cancel;
        };
        this.gestures = new ButtonGestures(pin, activeLow, longPress.toNanos(), doubleClick.toNanos(), timers, this::fire);
        this.edgeListener = this::edge;
        this.lostListener = this::lost;
        // the client fails its requests before it ends the watches: a closed link is known by then,
        // so it is read where the end happens, not later on the loop (a restart then a lost link
        // would otherwise look like a lost link)
        this.endListener = reason -> {
            boolean linkLost = !pico.isConnected();
            post(() -> end(reason, linkLost));
        };
        input.addListener(this::post, edgeListener);
        input.addLostListener(this::post, lostListener);
        input.addEndListener(Runnable::run, endListener);
    }

    /** Loop thread: the state starts from the watch's initial level, known once the watch is active. */
    private boolean started() {
        if (!started && (input.isActive() || input.endReason() != null)) {
            gestures.start(input.initialLevel());
            started = true;
        }
        return started;
    }

    private void post(Runnable r) {
        try {
            loop.post(r);
        } catch (IllegalStateException closedLoop) {
            // the loop is closed: nobody is left to tell
        }
    }

    public PinId pin() {
        return pin;
    }

    /** The watched input under this button. */
    public WatchedInput input() {
        return input;
    }

    /** Whether the button is down, as the loop knows it (loop thread). */
    public boolean isPressed() {
        return started() && gestures.isPressed();
    }

    /** Events lost so far (see {@link LostEvents}). */
    public long lostCount() {
        return lost;
    }

    /** Why the watch ended (see the class comment), or null while it runs (loop thread). */
    public String endReason() {
        return ended;
    }

    // ---- awaiting (in a picoloop task: parks the task, not the loop) ----

    /** Waits for the next press (even if the button is down now) and returns it. */
    public ButtonEvent awaitPress() {
        return await(Kind.PRESS);
    }

    /** @throws TaskTimeoutException when none comes within {@code timeout} */
    public ButtonEvent awaitPress(Duration timeout) {
        return await(Kind.PRESS, timeout);
    }

    /** Waits for the next release (even if the button is up now). */
    public ButtonEvent awaitRelease() {
        return await(Kind.RELEASE);
    }

    public ButtonEvent awaitRelease(Duration timeout) {
        return await(Kind.RELEASE, timeout);
    }

    public ButtonEvent awaitLongPress() {
        return await(Kind.LONG);
    }

    public ButtonEvent awaitLongPress(Duration timeout) {
        return await(Kind.LONG, timeout);
    }

    public ButtonEvent awaitDoubleClick() {
        return await(Kind.DOUBLE);
    }

    public ButtonEvent awaitDoubleClick(Duration timeout) {
        return await(Kind.DOUBLE, timeout);
    }

    /** Waits for the next single click (a short press that was not part of a double click). */
    public ButtonEvent awaitClick() {
        return await(Kind.CLICK);
    }

    public ButtonEvent awaitClick(Duration timeout) {
        return await(Kind.CLICK, timeout);
    }

    /**
     * Waits until the watch ends (see the class comment) and returns why; at once when it has
     * ended. Cancellable like any await; with a time limit: {@code Async.waitFor(d, b::awaitEnd)}.
     */
    public String awaitEnd() {
        if (ended == null) {
            endEvent.await();
        }
        return ended;
    }

    /**
     * Waits for the next event of that kind.
     *
     * @throws DeviceDisconnectedException when the link closed (before or while waiting)
     * @throws IllegalStateException       when the watch ended otherwise: board restarted, {@link #close()}
     */
    public ButtonEvent await(Kind kind) {
        if (ended != null) {
            throw gone();
        }
        Slot s = slots.get(kind);
        s.event.await();
        if (s.value == null) {
            throw gone();
        }
        return s.value;
    }

    /** @throws TaskTimeoutException when none comes within {@code timeout} */
    public ButtonEvent await(Kind kind, Duration timeout) {
        try {
            return Async.waitFor(timeout, () -> await(kind));
        } catch (RuntimeException e) {
            if (e instanceof TaskTimeoutException) {
                throw new TaskTimeoutException("no " + kind.label() + " of the button on " + pin + " within "
                        + timeout.toMillis() + " ms");
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RuntimeException gone() {
        String message = "the button on " + pin + " is no longer watched: " + ended;
        return linkClosed ? new DeviceDisconnectedException(message, null) : new IllegalStateException(message);
    }

    // ---- listeners (run on the loop thread, as callbacks: they must not await) ----

    public void onPress(Consumer<ButtonEvent> l) {
        listeners.get(Kind.PRESS).add(l);
    }

    public void onRelease(Consumer<ButtonEvent> l) {
        listeners.get(Kind.RELEASE).add(l);
    }

    public void onLong(Consumer<ButtonEvent> l) {
        listeners.get(Kind.LONG).add(l);
    }

    public void onDouble(Consumer<ButtonEvent> l) {
        listeners.get(Kind.DOUBLE).add(l);
    }

    public void onClick(Consumer<ButtonEvent> l) {
        listeners.get(Kind.CLICK).add(l);
    }

    /** Every event, of every kind, in the order they happen. */
    public void onAny(Consumer<ButtonEvent> l) {
        allListeners.add(l);
    }

    /** Lost events (on the loop thread). */
    public void onLost(Consumer<LostEvents> l) {
        lostListeners.add(l);
    }

    // ---- from the watched input, on the loop thread ----

    private void edge(Edge e) {
        if (ended == null && started()) {
            gestures.edge(e);
        }
    }

    private void lost(LostEvents l) {
        if (ended != null) {
            return;
        }
        started();
        lost += l.count();
        gestures.lost();
        for (Consumer<LostEvents> c : lostListeners) {
            call(c, l);
        }
    }

    private void end(String reason, boolean byClosedLink) {
        if (ended != null) {
            return;
        }
        ended = reason;
        linkClosed = byClosedLink;
        gestures.end();
        for (Kind k : Kind.values()) {
            Slot s = slots.put(k, new Slot());
            s.event.set(); // value null: the waiters throw
        }
        endEvent.set();
    }

    /** An event from the gestures: wakes the waiters of its kind, then calls the listeners. */
    private void fire(ButtonEvent be) {
        Kind kind = be.kind();
        Slot s = slots.put(kind, new Slot());
        s.value = be;
        s.event.set();
        for (Consumer<ButtonEvent> l : listeners.get(kind)) {
            call(l, be);
        }
        for (Consumer<ButtonEvent> l : allListeners) {
            call(l, be);
        }
    }

    /** A listener's failure goes to the loop's exception handler; the button goes on. */
    private <T> void call(Consumer<T> l, T value) {
        try {
            l.accept(value);
        } catch (RuntimeException e) {
            post(() -> {
                throw e;
            });
        }
    }

    /**
     * Stops watching the pin; waiting tasks get an {@link IllegalStateException} and
     * {@link #awaitEnd()} returns "closed".
     */
    @Override
    public void close() {
        input.removeListener(edgeListener);
        input.removeLostListener(lostListener);
        input.removeEndListener(endListener);
        input.close();
        post(() -> end("closed", false));
    }

    @Override
    public String toString() {
        return "button on " + pin + (activeLow ? " (active low)" : " (active high)") + " on " + input;
    }
}
