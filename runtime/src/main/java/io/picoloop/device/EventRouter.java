package io.picoloop.device;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.Events;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.ProtocolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a {@link Pico} does with the device's {@code !} events, on the reader thread: routes
 * {@code ! edge} to the {@link WatchedInput} of its pin and {@code ! sample} to the
 * {@link AnalogStream} of its input (device time mapped by the {@link DeviceClock}), turns
 * {@code ! lost} and gaps in the sequence numbers into {@link LostEvents} for every watched input
 * and stream, and handles {@code ! boot} (before the handshake:
 * expected; after: a warning, and every watch ends) and {@code ! expired} (the board's keepalive
 * ran out: a warning, and every watch ends). Every event also goes to the {@link Pico#onEvent}
 * listeners on the callback executor.
 */
final class EventRouter {

    /** The port the board is on now (it may move on a replug). */
    private final Supplier<String> port;
    private final LongSupplier hostClock;
    private final DeviceClock deviceClock;
    private final Callbacks callbacks;
    private final Warnings warnings;
    private final Runnable boardStateLost;
    /** Where {@code ! sample} goes; losses and gaps go there too. */
    private final AnalogStreams streams;
    /**
     * Given a {@code ! boot} or {@code ! expired} after the handshake: true when the board's state
     * is being restored (reconnect on).
     */
    private final Predicate<DeviceEvent> restoresRestart;
    private final List<Consumer<DeviceEvent>> eventListeners = new CopyOnWriteArrayList<>();
    /** Watched pins (pending or active), by pin. */
    private final Map<PinId, WatchedInput> watches = new ConcurrentHashMap<>();
    /** The last event sequence number seen (reader thread only); -1: unknown. */
    private long lastSeq = -1;
    private volatile long linkGaps;
    private volatile boolean handshakeDone;

    /**
     * {@code boardStateLost} runs when a {@code ! boot} or {@code ! expired} after the handshake has
     * ended the watches (and the board's keepalive with them).
     */
    EventRouter(Supplier<String> port, LongSupplier hostClock, DeviceClock deviceClock, Callbacks callbacks,
                Warnings warnings, AnalogStreams streams, Runnable boardStateLost,
                Predicate<DeviceEvent> restoresRestart) {
        this.streams = streams;
        this.restoresRestart = restoresRestart;
        this.port = port;
        this.hostClock = hostClock;
        this.deviceClock = deviceClock;
        this.callbacks = callbacks;
        this.warnings = warnings;
        this.boardStateLost = boardStateLost;
    }

    void onEvent(Consumer<DeviceEvent> listener) {
        eventListeners.add(listener);
    }

    /** From now on a {@code ! boot} means the board restarted. */
    void handshakeDone() {
        handshakeDone = true;
    }

    /**
     * The board is being greeted again (after a replug or a restart): a {@code ! boot} now is
     * expected, the sequence numbers start afresh, and the old boot's clock means nothing.
     */
    void relinking() {
        handshakeDone = false;
        lastSeq = -1;
        deviceClock.reset();
    }

    /** The watches, pending or active. */
    List<WatchedInput> watches() {
        return List.copyOf(watches.values());
    }

    long linkGaps() {
        return linkGaps;
    }

    boolean anyWatched() {
        return !watches.isEmpty();
    }

    /** Adds a watch; false when the pin is already watched. */
    boolean add(WatchedInput w) {
        return watches.putIfAbsent(w.pin(), w) == null;
    }

    /** Removes a watch; false when it was not (or no longer) there. */
    boolean remove(WatchedInput w) {
        return watches.remove(w.pin(), w);
    }

    /** Ends every watch with that reason. */
    void endAll(String reason) {
        for (WatchedInput w : List.copyOf(watches.values())) {
            if (watches.remove(w.pin(), w)) {
                w.ended(reason);
            }
        }
    }

    void event(DeviceEvent e) {
        if (Events.isBoot(e)) {
            lastSeq = 0;
            deviceClock.reset();
            if (!handshakeDone) {
                return; // the board just started: expected
            }
            if (restoresRestart.test(e)) {
                forward(e);
                return; // its pin setup is being restored; the watches carry on
            }
            warnings.warn("the board on " + port.get() + " restarted (" + e.encode() + "): its pin setup is gone");
            endAll("the board restarted (" + e.encode() + "): watch again");
            streams.endAll("the board restarted (" + e.encode() + "): stream again");
            boardStateLost.run();
        } else if (Events.isExpired(e) && handshakeDone) {
            // (before the handshake it is an earlier program's keepalive: nothing of ours was on)
            if (restoresRestart.test(e)) {
                forward(e);
                return; // its outputs and watches are being restored, as after a restart
            }
            String ms = Events.expiredMs(e);
            warnings.warn("the board on " + port.get() + " switched its outputs off: no request from this host for " + ms
                    + " ms (" + e.encode() + ", its keepalive ran out: was this JVM or the computer stalled?); watches ended");
            endAll("the board's keepalive ran out (" + e.encode() + "): its outputs are off; watch again");
            streams.endAll("the board's keepalive ran out (" + e.encode() + "): its outputs are off; stream again");
            boardStateLost.run();
        } else if (Events.isSequenced(e)) {
            try {
                sequencedEvent(e);
            } catch (ProtocolException bad) {
                warnings.warn("malformed event from " + port.get() + ": \"" + LineCodec.describe(e.encode()) + "\"");
            }
        }
        forward(e);
    }

    /** A loss cannot be pinned on one pin or input: every watch and stream hears of it. */
    private void lost(LostEvents l) {
        watches.values().forEach(w -> w.lost(l));
        streams.all().forEach(s -> s.lost(l));
    }

    private void forward(DeviceEvent e) {
        for (Consumer<DeviceEvent> l : eventListeners) {
            callbacks.dispatch(() -> l.accept(e));
        }
    }

    /**
     * An edge, sample or lost event: sequence check (the three share one sequence: a host that
     * counted only edges would see every sample as a gap), clock mapping, routing.
     */
    private void sequencedEvent(DeviceEvent e) {
        long arrival = hostClock.getAsLong();
        long seq = Events.seq(e);
        if (lastSeq >= 0 && seq > lastSeq + 1) {
            long missing = seq - lastSeq - 1;
            linkGaps += missing;
            lost(new LostEvents(missing, seq, false));
        }
        lastSeq = seq;
        if (Events.isLost(e)) {
            lost(new LostEvents(Events.lost(e).count(), seq, true));
            return;
        }
        if (Events.isSample(e)) {
            Events.SampleEvent sample = Events.sample(e);
            AnalogStream s = streams.get(sample.input());
            if (s != null) {    // (else not streamed by this client: an earlier session's, or just stopped)
                s.sample(new AnalogReading(sample.input(), sample.value(), sample.micros(), seq,
                        deviceClock.toHostNanos(sample.micros(), arrival)));
            }
            return;
        }
        Events.EdgeEvent edge = Events.edge(e);
        PinId pin = PinId.gpio(edge.gpio());
        WatchedInput w = watches.get(pin);
        if (w == null) {
            return; // not watched by this client (an earlier session's watch, or just unwatched)
        }
        long host = deviceClock.toHostNanos(edge.micros(), arrival);
        w.edge(new Edge(pin, edge.level(), edge.micros(), seq, host));
    }
}
