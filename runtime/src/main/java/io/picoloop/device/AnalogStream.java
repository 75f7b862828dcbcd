package io.picoloop.device;

import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.DeviceEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples of an analog input taken by the board on its own clock ({@code stream <input> <ms>},
 * firmware 0.5.0), made by {@link AnalogInput#stream(Duration)}: sample k is due at the stream's
 * start + k periods of the board's clock, and each comes with the device time it was taken, mapped
 * onto the host timeline as an {@link Edge}'s.
 *
 * <p>A task (or a thread) takes them in order with {@link #await()}; the newest is
 * {@link #latest()}. Listeners ({@link #addListener}) run as a {@link WatchedInput}'s do: on the
 * client's callback executor or on the one given with them, never on the reader thread. Samples
 * the board could not take in time or send ({@code ! lost}), and gaps in the events' sequence
 * numbers (shared with the edges), come to {@link #addLostListener} as {@link LostEvents}, as a
 * watch's do.
 *
 * <p>The stream ends by {@link #stop()} or {@link #close()}, or by itself when the board stops it:
 * the safe state ({@link Pico#allOff()}, the keepalive's expiry), another role for its pin
 * ({@code pico.output(26)}), a restart of the board, the link's closing. {@link #endReason()} and
 * {@link #addEndListener} say which; an {@link #await()} then throws it. With
 * {@link Reconnect reconnecting} on, a replugged board streams again.
 */
public final class AnalogStream extends DeviceFeed<AnalogReading> implements AutoCloseable {

    /** Samples kept for {@link #await()} when no task takes them: the oldest go first ({@link #skipped()}). */
    public static final int AWAIT_BUFFER = 256;

    private final Pico pico;
    private final AdcInput input;
    private final Duration period;
    private final AtomicLong samples = new AtomicLong();
    /** Guarded by this: samples no await has taken yet, and what an await waits on. */
    private final ArrayDeque<AnalogReading> unread = new ArrayDeque<>();
    private CompletableFuture<Void> arrival = new CompletableFuture<>();
    private long skipped;
    private volatile AnalogReading latest;
    private volatile long startMicros = -1;
    private volatile boolean linkClosed;

    AnalogStream(Pico pico, Callbacks callbacks, Warnings warnings, AdcInput input, Duration period) {
        super(callbacks, warnings, "stream of " + input, DeviceEvent.SAMPLE);
        this.pico = pico;
        this.input = input;
        this.period = period;
    }

    public AdcInput input() {
        return input;
    }

    public Duration period() {
        return period;
    }

    /** The device time the board started the stream (sample k is due a k periods later); -1 before. */
    public long startMicros() {
        return startMicros;
    }

    /** Samples received so far. */
    public long sampleCount() {
        return samples.get();
    }

    /** Samples {@link #await()} never returned: more than {@link #AWAIT_BUFFER} came while no one awaited. */
    public synchronized long skipped() {
        return skipped;
    }

    /** The newest sample, if any came. */
    public Optional<AnalogReading> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * The next sample no {@code await} has returned yet, in the order they were taken; waits for
     * one when there is none (parks a picoloop task, blocks a plain thread).
     *
     * @throws DeviceDisconnectedException when the link closed
     * @throws IllegalStateException       when the stream ended otherwise (see {@link #endReason()})
     */
    public AnalogReading await() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                if (!unread.isEmpty()) {
                    return unread.poll();
                }
                if (isEnded()) {
                    throw gone();
                }
                next = arrival;
            }
            pico.await(next);
        }
    }

    private RuntimeException gone() {
        String message = "the stream of " + input + " ended: " + endReason();
        return linkClosed ? new DeviceDisconnectedException(message, null) : new IllegalStateException(message);
    }

    // listeners: addListener (samples), addLostListener, addEndListener: DeviceFeed's

    /** Stops the stream ({@code stream <input> off}); no sample reaches a listener after this is called. */
    public void stop() {
        pico.await(stopAsync());
    }

    public CompletableFuture<Void> stopAsync() {
        return pico.stopStream(this, false);
    }

    /** {@link #stop()}, quietly doing nothing when the stream already ended or the link is gone. */
    @Override
    public void close() {
        try {
            pico.await(pico.stopStream(this, true));
        } catch (RuntimeException e) {
            // the link died meanwhile: the board streams nothing any more
        }
    }

    // ---- from the client's reader thread ----

    void activate(long startMicros) {
        if (!isActive() && !isEnded()) {
            this.startMicros = startMicros;
            activate();
        }
    }

    void sample(AnalogReading r) {
        if (!isActive()) {
            return; // before the stream's reply: from an earlier stream of the input
        }
        samples.incrementAndGet();
        latest = r;
        CompletableFuture<Void> woken;
        synchronized (this) {
            if (unread.size() == AWAIT_BUFFER) {
                unread.poll();
                skipped++;
            }
            unread.add(r);
            woken = nextArrival();
        }
        woken.complete(null);
        deliver(r);
    }

    /** The end; {@code byLinkLoss}: an {@link #await()} then throws {@link DeviceDisconnectedException}. */
    void ended(String reason, boolean byLinkLoss) {
        synchronized (this) {
            if (!isEnded()) {
                linkClosed = byLinkLoss;
            }
        }
        ended(reason);
    }

    /** Wakes every await, which then finds the end. */
    @Override
    void afterEnd() {
        CompletableFuture<Void> woken;
        synchronized (this) {
            woken = nextArrival();
        }
        woken.complete(null);       // (outside the lock: a woken thread takes it at once)
    }

    /** Under the lock: arms the next arrival; the caller completes the one returned, waking every await. */
    private CompletableFuture<Void> nextArrival() {
        CompletableFuture<Void> woken = arrival;
        arrival = new CompletableFuture<>();
        return woken;
    }

    @Override
    public String toString() {
        return "stream of " + input + " every " + period.toMillis() + " ms on " + pico.description()
                + (isEnded() ? ", ended: " + endReason() : "");
    }
}
