package io.picoloop.loop;

import java.time.Duration;

/**
 * Peter Hinch's {@code Delay_ms}: a countdown that each {@link #trigger} restarts, e.g. a
 * backlight that turns off 10 s after the last key press. On expiry it runs the optional
 * callback and releases tasks waiting in {@link #await()}.
 */
public final class RetriggerableDelay {
    private final EventLoop loop;
    private final Duration defaultDuration;
    private final Runnable onExpiry;
    private final WaitQueue waiters = new WaitQueue();
    private Timer timer;

    public RetriggerableDelay(EventLoop loop, Duration defaultDuration, Runnable onExpiry) {
        this.loop = loop;
        EventLoop.checkedNanos(defaultDuration, "duration");
        this.defaultDuration = defaultDuration;
        this.onExpiry = onExpiry;
    }

    public RetriggerableDelay(EventLoop loop, Duration defaultDuration) {
        this(loop, defaultDuration, null);
    }

    public void trigger() {
        trigger(defaultDuration);
    }

    /** (Re)starts the countdown from now. */
    public void trigger(Duration d) {
        stopTimer();
        timer = loop.runLater("delay", d, this::expire);
    }

    /** Stops the countdown without expiring. */
    public void stop() {
        stopTimer();
    }

    public boolean running() {
        return timer != null;
    }

    /** Parks until the next expiry. */
    public void await() {
        waiters.await("RetriggerableDelay.await");
    }

    private void expire() {
        timer = null;
        if (onExpiry != null) {
            onExpiry.run();
        }
        waiters.wakeAll();
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
