package io.picoloop.cli;

import io.picoloop.device.OutputPin;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.loop.Timer;

/**
 * {@code picoloop blink}'s flashes: on at {@code start + k * period}, off {@code on} later, so
 * latency in one flash never shifts the next. Each on and off is a round trip to the board; when
 * a flash ends after the next one was due (a slow link, a stalled host) the flashes whose time has
 * passed are skipped and counted, by the scheduler's overrun rule ({@link Timer#nextOnGrid}), never
 * replayed as a burst. The end time is a bound: no flash begins at or after it, and a flash that
 * runs into it is switched off there.
 */
final class Blinker {

    /** What the blinking shows as it goes (on the loop thread). */
    interface Watcher {
        /** The LED is lit for flash {@code n} (from 1). */
        void lit(long n);

        /** The LED is off again. */
        void off();

        /** The first time a flash ended after the next was due: the asked rate cannot be met. */
        void tooSlow();
    }

    private final long periodNanos;
    private final long onNanos;
    private final Long count;
    private long flashes;
    private long skipped;

    /** @param count at most this many flashes; null: no limit */
    Blinker(long periodNanos, long onNanos, Long count) {
        this.periodNanos = periodNanos;
        this.onNanos = onNanos;
        this.count = count;
    }

    /**
     * In a task: blinks {@code led} from now until {@code count} flashes or {@code endNanos} of loop
     * time (Long.MAX_VALUE: none); the LED is off when it returns, also when the task is cancelled.
     */
    void run(EventLoop loop, OutputPin led, long endNanos, Watcher watcher) {
        run(loop, led, loop.nowNanos(), endNanos, watcher);
    }

    /** As {@link #run(EventLoop, OutputPin, long, Watcher)}, on a grid from {@code startNanos} (several boards on one grid). */
    void run(EventLoop loop, OutputPin led, long startNanos, long endNanos, Watcher watcher) {
        long cycle = startNanos;
        try {
            while ((count == null || flashes < count) && cycle < endNanos) {
                Async.sleepUntil(cycle);
                led.on();
                // a flash counts once the LED is lit, as the display counts it: one that Ctrl-C
                // cuts short is counted in the last frame and in the summary alike
                flashes++;
                watcher.lit(flashes);
                Async.sleepUntil(Math.min(cycle + onNanos, endNanos));
                led.off();
                watcher.off();
                long next = Timer.nextOnGrid(cycle, periodNanos, loop.nowNanos());
                // the grid's points passed meanwhile, those before the end: after it none is due
                long missed = Math.max(0, Math.ceilDiv(Math.min(next, endNanos) - cycle, periodNanos) - 1);
                if (missed > 0) {
                    if (skipped == 0) {
                        watcher.tooSlow();
                    }
                    skipped += missed;
                }
                cycle = next;
            }
        } finally {
            led.off();      // also when Ctrl-C cancelled the task
            watcher.off();
        }
    }

    /** The line that says the rate cannot be met, for {@link Watcher#tooSlow} (blink and blink --all alike). */
    static String tooSlowLine(String label, long periodMs, String port) {
        return "picoloop: " + label + " cannot flash every " + periodMs + " ms on " + port + ": a flash (on and off,"
                + " a round trip each) takes longer; flashes whose time has passed are skipped";
    }

    /** Flashes lit so far. */
    long flashes() {
        return flashes;
    }

    /** Flashes skipped so far because an earlier one ended after they were due. */
    long skipped() {
        return skipped;
    }
}
