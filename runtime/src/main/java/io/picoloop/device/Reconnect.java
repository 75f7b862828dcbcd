package io.picoloop.device;

import io.picoloop.transport.PortScanner;
import io.picoloop.transport.SerialTransport;
import io.picoloop.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link Pico} does when its board goes away (unplugged, reset, its link silent) or restarts
 * with the port open ({@code ! boot}): wait up to {@code limit} for the same board (the same
 * {@code uid} in its {@code hello}) to come back, on the link it was on or on any of
 * {@code ports}, then do the handshake again and restore what the program had set (pin modes,
 * output levels, watches with their pull and debounce, the keepalive), and carry on.
 *
 * <p>During the gap the program's requests wait until the board is back (the default), or with
 * {@link #failingDuringGap()} fail at once with a {@link DeviceDisconnectedException}. Edges
 * during the gap are lost: each watched input hears a {@link LostEvents} and then, if its level
 * changed meanwhile, an edge with the true level. When the limit passes, the link is given up as
 * it would be without reconnecting ({@link Pico#whenLost()}).
 *
 * @param limit         how long to wait for the board; {@link Duration#ZERO}: do not reconnect (a
 *                      restart then ends the watches and fails the requests in flight, saying so)
 * @param failDuringGap true: requests fail at once while the board is gone; false: they wait
 * @param ports         the links to try besides the one the board was on (tried first), in order
 * @param opener        opens a link by its path; may throw (missing, busy): that link is skipped this round
 */
public record Reconnect(Duration limit, boolean failDuringGap, Supplier<List<String>> ports,
                        Function<String, Transport> opener) {

    /** How long the CLI and {@link #serial} wait for a board to come back. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    public Reconnect {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(opener, "opener");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("the reconnect limit must not be negative: " + limit);
        }
    }

    /** No reconnecting: a lost link ends the client, a restart ends the watches. */
    public static Reconnect off() {
        return new Reconnect(Duration.ZERO, false, List::of, path -> {
            throw new IllegalStateException("reconnecting is off");
        });
    }

    /**
     * Serial ports: the board's own port first, then every port that could be a Pico
     * ({@link PortScanner#candidates}, as picking a port without {@code --port} does), each opened at
     * {@code baud}; waits {@link #DEFAULT_LIMIT}, requests wait during the gap.
     */
    public static Reconnect serial(int baud, int usbVendorId) {
        return new Reconnect(DEFAULT_LIMIT, false, () -> {
            PortScanner.Candidates c = PortScanner.candidates(PortScanner.allPorts(), usbVendorId);
            List<String> paths = new ArrayList<>();
            c.first().forEach(p -> paths.add(p.path()));
            c.then().forEach(p -> paths.add(p.path()));
            return paths;
        }, path -> SerialTransport.open(path, baud));
    }

    /** Only the given links, opened with jSerialComm (tests: pseudo-terminals have no USB id to scan for). */
    public static Reconnect serialPaths(List<String> paths) {
        List<String> copy = List.copyOf(paths);
        return new Reconnect(DEFAULT_LIMIT, false, () -> copy, SerialTransport::open);
    }

    public boolean isOn() {
        return !limit.isZero();
    }

    public Reconnect withLimit(Duration newLimit) {
        return new Reconnect(newLimit, failDuringGap, ports, opener);
    }

    /** Requests fail at once while the board is gone, instead of waiting for it. */
    public Reconnect failingDuringGap() {
        return new Reconnect(limit, true, ports, opener);
    }

    /** Also tries these links, after the board's own one. */
    public Reconnect withPorts(Supplier<List<String>> more) {
        return new Reconnect(limit, failDuringGap, more, opener);
    }
}
