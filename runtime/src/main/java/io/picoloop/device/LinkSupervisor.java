package io.picoloop.device;

import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.Events;
import io.picoloop.protocol.Reply;
import io.picoloop.transport.LineListener;
import io.picoloop.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Pico}'s link to its board, through replugs and restarts ({@link Reconnect}): which link
 * is live (only its lines count), and when the board goes away or restarts, the wait for the same
 * board (by {@code uid}), the handshake again, the restore of the program's state
 * ({@link PinRecord}, the watches, the keepalive) and the release of the requests that waited.
 *
 * <p>Each gap is one episode on its own daemon thread: the reader and timer threads only start
 * it. When the limit passes, or reconnecting is off, the link is given up for good through
 * {@code endForGood}, as before reconnecting existed.
 */
final class LinkSupervisor {

    /** Between rounds over the links, while the board is away: the board's own link is tried every round. */
    private static final Duration RETRY = Duration.ofMillis(50);
    /** The other links ({@link Reconnect#ports}, a scan of the system's ports) every this many rounds. */
    private static final int SCAN_EVERY = 4;

    private final Reconnect policy;
    private final Waiter waiter;
    private final RequestPipeline requests;
    private final EventRouter events;
    private final ClockSync clockSync;
    private final SilenceDetector silence;
    private final Keepalive keepalive;
    private final Warnings warnings;
    private final PinRecord record;
    private final DeviceOptions options;
    private final Consumer<Throwable> endForGood;
    private LineListener lines;

    /** The link whose lines count; null while none does (the board is gone). */
    private volatile Transport live;
    /** The link the board was last on (tried first; names the board in messages). */
    private volatile Transport last;
    private volatile BridgeIdentity board;
    private Thread episode;     // guarded by this
    private boolean closed;     // guarded by this
    private volatile long reconnects;

    LinkSupervisor(Transport first, Reconnect policy, Waiter waiter, RequestPipeline requests, EventRouter events,
                   ClockSync clockSync, SilenceDetector silence, Keepalive keepalive, Warnings warnings, PinRecord record,
                   DeviceOptions options, Consumer<Throwable> endForGood) {
        this.live = first;
        this.last = first;
        this.policy = policy;
        this.waiter = waiter;
        this.requests = requests;
        this.events = events;
        this.clockSync = clockSync;
        this.silence = silence;
        this.keepalive = keepalive;
        this.warnings = warnings;
        this.record = record;
        this.options = options;
        this.endForGood = endForGood;
        requests.holdOnLinkLoss(policy.isOn());
    }

    /** Starts the first link, its lines going to {@code incoming}. */
    void start(LineListener incoming) {
        this.lines = incoming;
        Transport t = last;
        t.start(listenerFor(t));
    }

    /** The handshake on the first link is done: this is the board to wait for. */
    void connected(BridgeIdentity info) {
        board = info;
    }

    BridgeIdentity board() {
        return board;
    }

    String description() {
        return last.description();
    }

    /** How many times the board came back. */
    long reconnects() {
        return reconnects;
    }

    /** Lines from a link that is not (or no longer) live are dropped: an old link's last words. */
    private LineListener listenerFor(Transport t) {
        return new LineListener() {
            @Override
            public void onLine(byte[] line) {
                if (live == t) {
                    lines.onLine(line);
                }
            }

            @Override
            public void onGarbage(String description) {
                if (live == t) {
                    lines.onGarbage(description);
                }
            }

            @Override
            public void onClosed(Throwable cause) {
                if (live == t) {
                    linkClosed(cause);
                }
            }
        };
    }

    /** The live link closed: by {@link #close} (null cause), or it was lost. */
    private void linkClosed(Throwable cause) {
        if (cause == null) {
            live = null;
            endForGood.accept(null);
        } else {
            lost(cause);
        }
    }

    /**
     * The board is gone (hang-up, or silence: {@link ClockSync}). With reconnecting on, waits for it
     * (a loss during an attempt ends that attempt); else ends the client.
     */
    void lost(Throwable cause) {
        live = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (episode != null) {
                // the link being tried died: its handshake or restore fails now, not at its timeout
                requests.suspend(gapException("the link to " + last.description() + " closed during the restore"),
                        policy.failDuringGap());
                return;
            }
            if (!policy.isOn() || board == null) {
                closed = true;
            } else {
                begin("the board on " + last.description() + " is gone (" + cause.getMessage() + ")", false);
                return;
            }
        }
        endForGood.accept(cause);
    }

    /** The board stopped answering on an open link: given up as if unplugged, and the link closed. */
    void silent(DeviceException cause) {
        Transport old = last;
        lost(cause);
        old.close();
    }

    /**
     * A {@code ! boot} after the handshake, or {@code ! expired} (the board's keepalive ran out: it
     * switched its outputs off and ended its watches): true when the board's state is restored
     * (reconnect on), on the link it is on.
     */
    synchronized boolean restarted(DeviceEvent e) {
        if (closed || !policy.isOn() || episode != null) {
            return episode != null && !closed;      // (during a restore its own boot line is expected)
        }
        begin("the board on " + last.description() + (Events.isExpired(e)
                ? " switched its outputs off (" + e.encode() + ": its keepalive ran out, no request from this host"
                        + " came in time: was this JVM or the computer stalled?)"
                : " restarted (" + e.encode() + ")"), true);
        return true;
    }

    /** Under the lock: holds the program's requests back and starts waiting for the board. */
    private void begin(String what, boolean portKept) {
        long start = System.nanoTime();
        String uid = board.uid().isEmpty() ? "" : " (uid " + board.uid() + ")";
        String gap = what + ": waiting up to " + seconds(policy.limit()) + " for it" + uid + " to come back; "
                + (policy.failDuringGap() ? "requests fail until then" : "requests wait until then");
        requests.suspend(gapException(gap), policy.failDuringGap());
        clockSync.stop();
        keepalive.stop();
        warnings.warn(gap);
        Transport kept = portKept ? last : null;
        episode = Thread.ofPlatform().daemon().name("picoloop-reconnect " + last.description())
                .unstarted(() -> awaitBoard(what, kept, start));
        episode.start();
    }

    private DeviceDisconnectedException gapException(String message) {
        return new DeviceDisconnectedException(message, null);
    }

    /** The episode's thread: rounds over the links until the board is back, the limit passes or the client closes. */
    private void awaitBoard(String what, Transport kept, long start) {
        long deadline = start + policy.limit().toNanos();
        Set<String> saidOther = new HashSet<>();
        int round = 0;
        try {
            while (!isClosed() && System.nanoTime() - deadline < 0) {
                round++;
                // a restarted board's link stays ours while it is open (opening its path again would find it busy)
                if (kept != null && kept.isOpen()) {
                    if (attempt(kept, start, saidOther)) {
                        return;
                    }
                    Thread.sleep(RETRY.toMillis());
                    continue;
                }
                for (String path : paths(round % SCAN_EVERY == 1)) {
                    if (isClosed() || System.nanoTime() - deadline >= 0) {
                        break;
                    }
                    Transport t = open(path);
                    if (t != null && attempt(t, start, saidOther)) {
                        return;
                    }
                }
                Thread.sleep(RETRY.toMillis());
            }
        } catch (InterruptedException e) {
            return;     // closed
        } finally {
            synchronized (this) {
                if (episode == Thread.currentThread()) {
                    episode = null;     // (on success the restore already ended the episode)
                }
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Transport stale = last;
        live = null;
        stale.close();      // a restarted board's link that stayed open but never answered again
        endForGood.accept(new DeviceException(what + " and did not come back within " + seconds(policy.limit())));
    }

    /** The board's own link first, then (when {@code scan}) the policy's, each once. */
    private List<String> paths(boolean scan) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(last.description());
        if (scan) {
            try {
                paths.addAll(policy.ports().get());
            } catch (RuntimeException e) {
                // a port scan that fails this round: the board's own link is still tried
            }
        }
        return new ArrayList<>(paths);
    }

    private Transport open(String path) {
        try {
            return policy.opener().apply(path);
        } catch (RuntimeException e) {
            return null;        // not there (yet), busy, not a port: next
        }
    }

    /**
     * Greets whatever is on {@code t}, and if it is the same board restores the program's state
     * on it and lets the waiting requests go. False (and {@code t} closed, unless it is the kept
     * link) when it is not the board or the restore failed.
     */
    private boolean attempt(Transport t, long start, Set<String> saidOther) {
        boolean kept = t == last;
        live = t;
        if (!kept) {
            t.start(listenerFor(t));
        }
        requests.relink(t);
        events.relinking();
        try {
            BridgeIdentity info = Handshake.hello(waiter, requests, t.description(), options.handshakeTimeout());
            if (!info.uid().equals(board.uid())) {
                if (saidOther.add(t.description() + " " + info.uid())) {
                    warnings.warn("another board (uid " + info.uid() + ") answered on " + t.description()
                            + ": not the one this program used (uid " + board.uid() + "); still waiting for it");
                }
                drop(t);
                return false;
            }
            restore();
            // what was restored, before the waiting requests change it
            String outputs = record.outputs();
            int watches = events.watches().size();
            int streams = record.streamCount();
            synchronized (this) {
                if (closed) {
                    return false;
                }
                last = t;
                board = info;
                events.handshakeDone();
                requests.resume();
                episode = null;     // from here a loss of this link starts a new gap
            }
            silence.linkBack();
            if (events.anyWatched()) {
                clockSync.calibrate();
                clockSync.start();
            }
            keepalive.arm(info);
            reconnects++;
            warnings.warn("the board" + (info.uid().isEmpty() ? "" : " (uid " + info.uid() + ")") + " is back on "
                    + t.description() + " after " + String.format("%.1f s", (System.nanoTime() - start) / 1e9)
                    + ": restored " + (outputs.isEmpty() ? "no outputs" : outputs) + ", "
                    + watches + " watch" + (watches == 1 ? "" : "es")
                    + (streams == 0 ? "" : ", " + streams + " stream" + (streams == 1 ? "" : "s"))
                    + (options.keepalive().isZero() ? "" : ", the keepalive"));
            return true;
        } catch (RuntimeException e) {
            if (kept) {
                return false;
            }
            drop(t);
            return false;
        }
    }

    /** Not the board, or it failed: its lines no longer count, and it is closed. */
    private void drop(Transport t) {
        live = null;
        t.close();
    }

    /**
     * Sets the board up as the program had it: pin modes and output levels, then each active
     * watch (its true level read again, what happened meanwhile counted as lost). Blocks until the
     * board has answered all of it.
     */
    private void restore() {
        Reply now = waiter.await(requests.sendUrgent(Commands.ping(), options.requestTimeout(), null));
        long deviceMicros = Commands.pingMicros(now);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (Command mode : record.restoreRequests()) {
            replies.add(requests.sendUrgent(mode, options.requestTimeout(), null));
        }
        for (WatchedInput w : events.watches()) {
            if (!w.isActive()) {
                continue;       // its watch request waits with the program's and goes out after this
            }
            Command watch = Commands.watch(w.pin(), w.pull().token(), w.debounce().toMillis());
            replies.add(requests.sendUrgent(watch, options.requestTimeout(),
                    (r, sent) -> w.restored(Commands.level(r), deviceMicros, options.hostClock().getAsLong())));
        }
        for (CompletableFuture<Reply> r : replies) {
            waiter.await(r);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The client closes: no more waiting; the link being tried, if any, is closed too. */
    void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = episode;
        }
        Transport l = live;
        Transport b = last;
        if (running != null) {
            running.interrupt();
            live = null;
            if (l != null && l != b) {
                l.close();
            }
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        b.close();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1e3);
    }
}
