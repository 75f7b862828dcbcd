package io.picoloop.cli;

import io.picoloop.button.ButtonEvent;
import io.picoloop.button.ButtonEvent.Kind;
import io.picoloop.device.LostEvents;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prints button events as lines:
 * {@code press    GP14  device   12.345678 s  host 04:13:05.123  (+250.0 ms)}. The host time is
 * the event's device time mapped onto this computer's clock, shown as wall-clock time.
 *
 * <p>Events that come before {@link #begin()} (a press in the moment between the watch's start and
 * the command's line saying so) are counted at once and printed after that line.
 */
final class ButtonPrinter {

    private static final DateTimeFormatter HOST = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final String label;
    private final long wallMinusMono = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private long lost;
    private long lastMicros = -1;
    /** Lines held until {@link #begin()}; null once begun. */
    private List<String> held = new ArrayList<>();

    ButtonPrinter(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
        }
    }

    /** Wall-clock time of a {@link System#nanoTime()} reading. */
    String hostTime(long hostNanos) {
        long wall = hostNanos + wallMinusMono;
        return LocalTime.ofInstant(Instant.ofEpochSecond(0, wall), ZoneId.systemDefault()).format(HOST);
    }

    void print(ButtonEvent e) {
        counts.merge(e.kind(), 1L, Long::sum);
        String since = lastMicros < 0 ? "" : String.format("  (+%.1f ms)", (e.deviceMicros() - lastMicros) / 1000.0);
        // a release with no hold is of a press before the watch began: how long is not known
        String held = e.heldMicros() > 0 ? String.format("  held %.1f ms", e.heldMicros() / 1000.0)
                : e.kind() == Kind.RELEASE ? "  (pressed before the watch began)" : "";
        lastMicros = e.deviceMicros();
        line(String.format("%-7s %-5s device %12.6f s  host %s%s%s", e.kind().label(), label, e.deviceMicros() / 1e6,
                hostTime(e.hostNanos()), since, held));
    }

    void print(LostEvents l) {
        lost += l.count();
        line(String.format("lost    %-5s %d %s (seq %d); the next edge has the true level", label, l.count(),
                l.onDevice() ? "edges dropped on the device, its queue was full" : "events missing on the link", l.seq()));
    }

    /** The command has said what it watches: the lines held so far are printed, later ones at once. */
    synchronized void begin() {
        if (held != null) {
            held.forEach(out::println);
            held = null;
            out.flush();
        }
    }

    private synchronized void line(String text) {
        if (held != null) {
            held.add(text);
            return;
        }
        out.println(text);
        out.flush();
    }

    long count(Kind k) {
        return counts.get(k);
    }

    String summary() {
        return String.format("%s: %d press%s, %d release%s, %d long, %d double, %d click%s, %d lost", label,
                count(Kind.PRESS), count(Kind.PRESS) == 1 ? "" : "es", count(Kind.RELEASE),
                count(Kind.RELEASE) == 1 ? "" : "s", count(Kind.LONG), count(Kind.DOUBLE), count(Kind.CLICK),
                count(Kind.CLICK) == 1 ? "" : "s", lost);
    }
}
