package io.picoloop.button;

import io.picoloop.button.ButtonEvent.Kind;
import io.picoloop.device.Edge;
import io.picoloop.protocol.PinId;
import java.util.function.Consumer;

/**
 * The gestures of one push button, as a pure state machine: debounced edges (and losses) go in,
 * {@link ButtonEvent}s (press, release, long, double, click) come out to a sink. No threads and
 * no loop: the clock and the timers are given ({@link Timers}), so it runs on a picoloop loop in a
 * {@link Button}, or alone in a test. Every call comes from one thread.
 *
 * <p>Double click: the second press's device time within the double-click time of the first's.
 * Long press: a timer at the press's host time plus the long-press time, if still down; or at a
 * release whose device times show the hold, when that comes first. Click: a short press on its
 * own, when the double-click window after it closes (or at the release if later).
 */
final class ButtonGestures {

    /** The clock and timers the machine runs on (host nanoseconds, as {@link Edge#hostNanos()}). */
    interface Timers {
        long nowNanos();

        /** Runs {@code action} after {@code delayNanos} (≥ 0); returns what cancels it. */
        Runnable schedule(String label, long delayNanos, Runnable action);
    }

    private static final Runnable NONE = () -> { };

    private final PinId pin;
    private final boolean activeLow;
    private final long longNanos;
    private final long doubleMicros;
    private final long doubleNanos;
    private final Timers timers;
    private final Consumer<ButtonEvent> sink;

    private boolean pressed;
    private Edge pressEdge;          // the current (or last) press
    private boolean longFired;       // for the current press
    private boolean secondOfDouble;  // the current press completed a double click
    private Edge candidate;          // a press that may become the first of a double click
    private Runnable cancelLong = NONE;
    private Runnable cancelClick = NONE;

    ButtonGestures(PinId pin, boolean activeLow, long longNanos, long doubleNanos, Timers timers,
                   Consumer<ButtonEvent> sink) {
        this.pin = pin;
        this.activeLow = activeLow;
        this.longNanos = longNanos;
        this.doubleNanos = doubleNanos;
        this.doubleMicros = doubleNanos / 1000;
        this.timers = timers;
        this.sink = sink;
    }

    /** The level the pin had when the watch began (true: high). */
    void start(boolean level) {
        pressed = level != activeLow;
    }

    boolean isPressed() {
        return pressed;
    }

    void edge(Edge e) {
        boolean down = e.level() != activeLow;
        if (down == pressed) {
            return; // the true level after a loss, or nothing new
        }
        if (down) {
            pressed(e);
        } else {
            released(e);
        }
    }

    /** Events were lost: no double click or click spans the gap. */
    void lost() {
        candidate = null;
        cancelClick.run();
    }

    /** The watch ended: timers cancelled, the button up. */
    void end() {
        cancelLong.run();
        cancelClick.run();
        pressed = false;
    }

    private void pressed(Edge e) {
        pressed = true;
        pressEdge = e;
        longFired = false;
        fire(Kind.PRESS, e.deviceMicros(), e.hostNanos(), 0);
        cancelClick.run();
        if (candidate != null && e.deviceMicros() - candidate.deviceMicros() <= doubleMicros) {
            secondOfDouble = true;
            candidate = null;
            fire(Kind.DOUBLE, e.deviceMicros(), e.hostNanos(), 0);
        } else {
            secondOfDouble = false;
            candidate = e;
        }
        long delay = Math.max(0, e.hostNanos() + longNanos - timers.nowNanos());
        cancelLong = timers.schedule("button " + pin + " long press", delay, () -> {
            if (pressed && pressEdge == e && !longFired) {
                longHeld(e);
            }
        });
    }

    private void longHeld(Edge press) {
        longFired = true;
        if (candidate == press) {
            candidate = null; // a long press does not begin a double click
        }
        fire(Kind.LONG, press.deviceMicros() + longNanos / 1000, press.hostNanos() + longNanos, longNanos / 1000);
    }

    private void released(Edge e) {
        pressed = false;
        cancelLong.run();
        Edge press = pressEdge;
        long held = press == null ? 0 : Math.max(0, e.deviceMicros() - press.deviceMicros());
        if (press != null && !longFired && held * 1000 >= longNanos) {
            longHeld(press); // held long enough by device times; the timer had not run yet
        }
        fire(Kind.RELEASE, e.deviceMicros(), e.hostNanos(), held);
        if (press == null || longFired || secondOfDouble || candidate != press) {
            return;
        }
        long delay = press.hostNanos() + doubleNanos - timers.nowNanos();
        if (delay <= 0) {
            candidate = null;
            fire(Kind.CLICK, e.deviceMicros(), e.hostNanos(), held);
        } else {
            cancelClick = timers.schedule("button " + pin + " click", delay, () -> {
                if (candidate == press) {
                    candidate = null;
                    fire(Kind.CLICK, e.deviceMicros(), e.hostNanos(), held);
                }
            });
        }
    }

    private void fire(Kind kind, long deviceMicros, long hostNanos, long held) {
        sink.accept(new ButtonEvent(kind, pin, deviceMicros, hostNanos, held));
    }
}
