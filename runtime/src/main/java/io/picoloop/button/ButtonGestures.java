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
 * <p>Every gesture is judged on the device clock alone, so USB latency and the host's estimate of
 * the device clock cannot change a verdict. Double click: the second press's device time within
 * the double-click time of the first's. Long press: the button still down when the device clock
 * passes the press plus the long-press time. Click: a short press on its own, when the device
 * clock passes the press plus the double-click time with no second press.
 *
 * <p>The host learns that the device clock passed a moment in one of two ways: an edge stamped
 * later arrives (the edges come in order), or a timer runs out that was started when the last edge
 * arrived, for the device time still to go plus {@link #IN_FLIGHT}, how late an edge stamped
 * before the moment may still arrive. Anchored at an arrival, never at a mapped host time, the
 * timer is never early (an arrival is never before its device time).
 */
final class ButtonGestures {

    /** The timers the machine runs on (a picoloop loop's, or a test's). */
    interface Timers {
        /** Runs {@code action} after {@code delayNanos} (≥ 0) from now; returns what cancels it. */
        Runnable schedule(String label, long delayNanos, Runnable action);
    }

    /**
     * How much later than another an edge may reach the host (USB latency and a busy host's
     * jitter, the simulator's too): a verdict that waits for "no edge before device time T" waits
     * this long past T. A click or long press is announced this late; its times stay exact.
     */
    static final long IN_FLIGHT = 30_000_000L;

    private static final Runnable NONE = () -> { };

    /** A short press released, a click unless a second press comes within the window. */
    private record Click(Edge press, Edge release, long heldMicros) {
    }

    private final PinId pin;
    private final boolean activeLow;
    private final long longNanos;
    private final long doubleMicros;
    private final Timers timers;
    private final Consumer<ButtonEvent> sink;

    private boolean pressed;
    private Edge pressEdge;          // the current (or last) press
    private boolean longFired;       // for the current press
    private boolean secondOfDouble;  // the current press completed a double click
    private Edge candidate;          // a press that may become the first of a double click
    private Click pendingClick;      // waits for the double-click window to close
    private Runnable cancelLong = NONE;
    private Runnable cancelClick = NONE;

    ButtonGestures(PinId pin, boolean activeLow, long longNanos, long doubleNanos, Timers timers,
                   Consumer<ButtonEvent> sink) {
        this.pin = pin;
        this.activeLow = activeLow;
        this.longNanos = longNanos;
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
        pendingClick = null;
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
        cancelClick.run();
        Click click = pendingClick;
        pendingClick = null;
        if (click != null && e.deviceMicros() - click.press().deviceMicros() > doubleMicros) {
            fireClick(click); // this press proves the window closed before it began
        }
        fire(Kind.PRESS, e.deviceMicros(), e.hostNanos(), 0);
        if (candidate != null && e.deviceMicros() - candidate.deviceMicros() <= doubleMicros) {
            secondOfDouble = true;
            candidate = null;
            fire(Kind.DOUBLE, e.deviceMicros(), e.hostNanos(), 0);
        } else {
            secondOfDouble = false;
            candidate = e;
        }
        cancelLong = whenDevicePasses(e, e.deviceMicros() + longNanos / 1000, "long press", () -> {
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
        Click click = new Click(press, e, held);
        long windowEnd = press.deviceMicros() + doubleMicros;
        if (e.deviceMicros() > windowEnd) {
            fireClick(click); // released after the window closed
        } else {
            pendingClick = click;
            cancelClick = whenDevicePasses(e, windowEnd, "click", () -> {
                if (pendingClick == click) {
                    pendingClick = null;
                    fireClick(click);
                }
            });
        }
    }

    private void fireClick(Click c) {
        if (candidate == c.press()) {
            candidate = null;
        }
        fire(Kind.CLICK, c.release().deviceMicros(), c.release().hostNanos(), c.heldMicros());
    }

    /**
     * Runs {@code action} once no edge stamped before {@code deviceMicros} can still arrive:
     * {@code last}, the edge being handled now, is where the device clock is known to be.
     */
    private Runnable whenDevicePasses(Edge last, long deviceMicros, String what, Runnable action) {
        long delay = Math.max(0, (deviceMicros - last.deviceMicros()) * 1000) + IN_FLIGHT;
        return timers.schedule("button " + pin + " " + what, delay, action);
    }

    private void fire(Kind kind, long deviceMicros, long hostNanos, long held) {
        sink.accept(new ButtonEvent(kind, pin, deviceMicros, hostNanos, held));
    }
}
