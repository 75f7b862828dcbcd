package io.picoloop.sim;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.PinId;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watched inputs (the firmware's bridge_edges.Edges): {@link #edge} is the pin interrupt, filling a
 * queue of {@link SimulatedPico#EDGE_QUEUE} edges; {@link #drain} is the drain task, turning them
 * into {@code ! edge} lines with leading-edge debounce, and an overflow into {@code ! lost}.
 *
 * <p>Debounce: the first edge of a quiet pin is reported at once, as the opposite of the level
 * last reported, stamped with its own time. Edges inside the window are bounces. When the window
 * ends the pin is read again; a level other than the one reported (a glitch, or a release inside
 * the window) is reported as a corrective edge stamped with the last edge seen. After an overflow
 * every watched pin whose level differs from the one reported gets an edge stamped now, since
 * the lost edges leave no truer time. Guarded by the device lock.
 */
final class Edges {

    /** A watched input's debounce state. */
    private static final class Watch {
        long debounceNanos;
        int reported;
        boolean open;
        long endNanos;
        long lastEdgeNanos;
    }

    private record QueuedEdge(PinId pin, long nanos) {
    }

    private final PinDriver pins;
    private final Clock clock;
    private final Consumer<String> emit;
    private final Map<PinId, Watch> watches = new LinkedHashMap<>();
    private final ArrayDeque<QueuedEdge> queue = new ArrayDeque<>();
    private long dropped;
    private long seq;
    /** Read by the device thread without the lock: it then polls every millisecond. */
    private volatile boolean windowOpen;

    Edges(PinDriver pins, Clock clock, Consumer<String> emit) {
        this.pins = pins;
        this.clock = clock;
        this.emit = emit;
    }

    /** Starts (or re-arms) a watch on an input already set up; returns the level it reads. */
    int watch(PinId pin, int debounceMs) {
        Watch w = watches.computeIfAbsent(pin, k -> new Watch());
        w.debounceNanos = debounceMs * 1_000_000L;
        w.reported = pins.inputLevel(pin);
        w.open = false;
        queue.removeIf(e -> e.pin().equals(pin)); // already in the level just read
        return w.reported;
    }

    /** False when the pin was not watched. */
    boolean unwatch(PinId pin) {
        return watches.remove(pin) != null;
    }

    /** {@code repl}: the bridge stops listening, but edges already queued stay where they are. */
    void unwatchAll() {
        watches.clear();
        windowOpen = false;
    }

    /** A reset: no watches, an empty queue, seq from 1 again. */
    void reset() {
        watches.clear();
        queue.clear();
        dropped = 0;
        seq = 0;
    }

    /** In the order they were watched (Set.copyOf would lose it). */
    Set<PinId> watchedPins() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(watches.keySet()));
    }

    boolean windowOpen() {
        return windowOpen;
    }

    /** The pin interrupt: queue the edge, or count it when the queue is full. */
    void edge(PinId pin, long nanos) {
        if (!watches.containsKey(pin)) {
            return;
        }
        if (queue.size() >= SimulatedPico.EDGE_QUEUE) {
            dropped++;
        } else {
            queue.add(new QueuedEdge(pin, nanos));
        }
    }

    /** The drain task: debounce the queued edges, report drops, close due windows. */
    void drain() {
        for (QueuedEdge e; (e = queue.poll()) != null; ) {
            Watch w = watches.get(e.pin());
            if (w == null) {
                continue;
            }
            if (w.open) {
                w.lastEdgeNanos = e.nanos(); // a bounce (or a late edge: the close reads the pin)
            } else {
                report(e.pin(), w, 1 - w.reported, e.nanos());
                w.open = true;
                w.endNanos = e.nanos() + w.debounceNanos;
                w.lastEdgeNanos = e.nanos();
            }
        }
        if (dropped > 0) {
            reportLost();
        }
        closeDueWindows();
    }

    /**
     * Another event in this sequence (Analog's samples): {@code ! <kind> <fields> <seq>}, after the
     * report of any loss that waits.
     */
    void send(String kind, String... fields) {
        if (dropped > 0) {
            reportLost();
        }
        seq++;
        String[] all = java.util.Arrays.copyOf(fields, fields.length + 1);
        all[fields.length] = Long.toString(seq);
        emit.accept(DeviceEvent.of(kind, all).encode());
    }

    /** Events never made (samples the loop was too late for): reported as lost before the next event. */
    void lose(long count) {
        dropped += count;
    }

    private void reportLost() {
        seq++;
        emit.accept(DeviceEvent.of(DeviceEvent.LOST, Long.toString(dropped), Long.toString(seq)).encode());
        dropped = 0;
        long now = clock.nanos();
        for (Map.Entry<PinId, Watch> en : watches.entrySet()) {
            Watch w = en.getValue();
            w.open = false;
            int level = pins.inputLevel(en.getKey());
            if (level != w.reported) {
                report(en.getKey(), w, level, now);
            }
        }
    }

    private void closeDueWindows() {
        long now = clock.nanos();
        boolean open = false;
        for (Map.Entry<PinId, Watch> en : watches.entrySet()) {
            Watch w = en.getValue();
            if (!w.open) {
                continue;
            }
            if (now - w.endNanos >= 0) {
                w.open = false;
                int level = pins.inputLevel(en.getKey());
                if (level != w.reported) {
                    report(en.getKey(), w, level, w.lastEdgeNanos);
                }
            } else {
                open = true;
            }
        }
        windowOpen = open;
    }

    private void report(PinId pin, Watch w, int level, long nanos) {
        w.reported = level;
        seq++;
        emit.accept(DeviceEvent.of(DeviceEvent.EDGE, Integer.toString(pin.gpio()), Integer.toString(level),
                Long.toString(clock.micros(nanos)), Long.toString(seq)).encode());
    }
}
