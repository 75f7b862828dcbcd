package io.picoloop.device;

import io.picoloop.protocol.Command;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import io.picoloop.transport.Transport;
import io.picoloop.transport.TransportException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

/**
 * A {@link Pico}'s requests: ids 1..65535, at most {@code maxInFlight} sent ahead of their
 * replies (more wait on the host, up to {@link #MAX_WAITING}), one timeout each, replies
 * matched by id (the device answers in order), and every request ended one way or another:
 * reply, {@code err}, timeout, garbage from the device, or the link closing.
 *
 * <p>{@link #reply}, {@link #garbage} and {@link #linkClosed} run on the transport's reader
 * thread; the futures {@link #send} returns complete on the {@link Callbacks} executor.
 */
final class RequestPipeline {

    private static final int MAX_ID = Protocol.MAX_ID;
    /** Requests that may wait on the host beyond the ones in flight. */
    static final int MAX_WAITING = 4096;
    /** What a request timeout most likely means, and what to do: it follows every timeout but hello's. */
    static final String STOPPED_ANSWERING = "the board stopped answering (unplugged, reset, or its bridge stopped?);"
            + " check the USB cable, replug the board and try again";

    /** Replaced by {@link #relink} when the board comes back on another link (under lock to change). */
    private volatile Transport transport;
    private final DeviceOptions options;
    private final LongSupplier hostClock;
    private final ScheduledExecutorService timer;
    private final Callbacks callbacks;
    private final Warnings warnings;

    private final Object lock = new Object();
    /** In flight, in send order (the device answers in order). */
    private final LinkedHashMap<Integer, Pending> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** The handshake and restore after a gap: sent before {@link #waiting}, also during the gap. */
    private final ArrayDeque<Pending> urgent = new ArrayDeque<>();
    private int nextId = 1;
    private DeviceDisconnectedException closed;
    /** While the board is gone and awaited ({@link #suspend}): why; null while the link is up. Under lock. */
    private DeviceDisconnectedException gap;
    /** During a gap: the program's requests fail at once instead of waiting. Under lock. */
    private boolean failDuringGap;
    /** Reconnecting: a request that finds the link closed waits for the board instead of failing. */
    private volatile boolean holdsOnLinkLoss;
    /** Sees every ok reply with its request, on the reader thread (the {@link PinRecord}). */
    private volatile BiConsumer<Request, Reply> okObserver = (q, r) -> { };
    /** Replies to these ids are stale (their requests ended at a board restart): dropped quietly. Under lock. */
    private final Set<Integer> abandoned = new HashSet<>();
    /** System.nanoTime() of the last request handed to the transport (the keepalive's clock). */
    private volatile long lastSentNanos = System.nanoTime();
    private static final long NEVER = Long.MIN_VALUE;
    /** System.nanoTime() of the last line or bytes from the device other than {@code ! boot}; {@link #NEVER} before any. */
    private volatile long lastTalkNanos = NEVER;
    /** System.nanoTime() of the last line (or bytes) from the device, whatever it was. */
    private volatile long lastHeardNanos = System.nanoTime();
    /** From the start (the reader runs before hello goes out) until {@link #endHandshake}: see {@link #beginHandshake}. Under lock. */
    private boolean handshaking = true;
    /** During the handshake: fails it {@link #STALE_GRACE} after the first garbage, unless hello is answered first. */
    private ScheduledFuture<?> garbageVerdict;

    /**
     * How long garbage at the handshake waits for the hello reply before it counts as the answer.
     * What a board had buffered before the port was opened comes first, then the reply: MicroPython
     * 1.24+ keeps 256 bytes written while DTR was low (dropping the oldest, so the first line may be
     * cut) and sends them about 16 ms after DTR rises.
     */
    static final Duration STALE_GRACE = Duration.ofMillis(250);

    private static final class Pending {
        final String command;
        final String[] args;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        Request request;
        long sentNanos;
        ScheduledFuture<?> timeout;
        /** Runs on the reader thread with the reply (ok or err) before the future completes. */
        ObjLongConsumer<Reply> onReply;
        Duration timeoutLength;
        /** The handshake or restore after a gap ({@link #sendUrgent}): never held back, never sent again. */
        boolean urgent;
        /** Set when the board restarted while this was in flight ({@link #boardRestarted}): what to say. */
        volatile String acrossRestart;

        Pending(String command, String[] args) {
            this.command = command;
            this.args = args;
        }

        String describe() {
            return request != null ? request.encode() : command + (args.length == 0 ? "" : " " + String.join(" ", args));
        }
    }

    RequestPipeline(Transport transport, DeviceOptions options, ScheduledExecutorService timer, Callbacks callbacks,
                    Warnings warnings) {
        this.transport = transport;
        this.options = options;
        this.hostClock = options.hostClock();
        this.timer = timer;
        this.callbacks = callbacks;
        this.warnings = warnings;
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed != null;
        }
    }

    /**
     * Sends a request, or queues it when the window is full. {@code onReply} (may be null) runs on
     * the reader thread with the reply and the host time it was sent, before the future completes;
     * if it throws, the future fails with that. The returned future completes on the callback
     * executor. Never blocks.
     */
    CompletableFuture<Reply> send(Command command, Duration timeout, ObjLongConsumer<Reply> onReply) {
        return onCallbacks(send(command.command(), command.args(), timeout, onReply, false));
    }

    /**
     * {@link #send} for a picoloop task that awaits the reply itself: the future completes where the
     * reply is read (reader thread; timer thread for a timeout), so that the task's wake-up is posted
     * to its loop from there, one hand-off as for an edge, not two. Only for code of this client that
     * does no more than decode the reply there; never hand this future to user code.
     */
    CompletableFuture<Reply> sendForTask(Command command, Duration timeout) {
        return send(command.command(), command.args(), timeout, null, false);
    }

    /**
     * {@link #send} for the handshake and the restore after a gap: sent ahead of the program's
     * waiting requests, and also while they are held back by a gap.
     */
    CompletableFuture<Reply> sendUrgent(Command command, Duration timeout, ObjLongConsumer<Reply> onReply) {
        return onCallbacks(send(command.command(), command.args(), timeout, onReply, true));
    }

    private CompletableFuture<Reply> send(String command, String[] args, Duration timeout, ObjLongConsumer<Reply> onReply,
                                          boolean isUrgent) {
        Request.of(MAX_ID, command, args).encode(); // validate on the caller's thread, longest id
        Pending p = new Pending(command, args.clone());
        p.onReply = onReply;
        p.timeoutLength = timeout;
        p.urgent = isUrgent;
        synchronized (lock) {
            if (closed != null) {
                p.future.completeExceptionally(closed);
            } else if (isUrgent) {
                urgent.add(p);
                pump();
            } else if (gap != null && failDuringGap) {
                p.future.completeExceptionally(new DeviceDisconnectedException(gap.getMessage()
                        + " (request \"" + p.describe() + "\" not sent)", gap));
            } else if (gap == null && inFlight.size() < options.maxInFlight() && urgent.isEmpty()) {
                transmit(p, timeout);
            } else if (waiting.size() >= MAX_WAITING) {
                p.future.completeExceptionally(new DeviceException(MAX_WAITING + " requests are already waiting for "
                        + transport.description() + ": the program sends faster than the device answers"));
            } else {
                waiting.add(p);
            }
        }
        return p.future;
    }

    /** A future that completes on the callback executor with {@code f}: user code chained on it never runs on the reader or timer thread. */
    private CompletableFuture<Reply> onCallbacks(CompletableFuture<Reply> f) {
        CompletableFuture<Reply> user = new CompletableFuture<>();
        f.whenComplete((r, e) -> callbacks.dispatch(() -> {
            if (e != null) {
                user.completeExceptionally(e);
            } else {
                user.complete(r);
            }
        }));
        return user;
    }

    /** Under lock: gives the request an id, hands it to the transport, starts its timer. */
    private void transmit(Pending p, Duration timeout) {
        int id = nextId;
        while (inFlight.containsKey(id)) {
            id = id == MAX_ID ? 1 : id + 1;
        }
        nextId = id == MAX_ID ? 1 : id + 1;
        p.request = Request.of(id, p.command, p.args);
        try {
            transport.send(p.request.encode());
        } catch (TransportException e) {
            if (holdsOnLinkLoss && !p.urgent && !transport.isOpen()) {
                // the link died and its reader has not said so yet: the loss is coming, and with it the wait
                waiting.addFirst(p);
                if (gap == null) {
                    gap = new DeviceDisconnectedException("the link to " + transport.description() + " closed", e);
                }
                return;
            }
            p.future.completeExceptionally(new DeviceDisconnectedException("cannot send \"" + p.request.encode()
                    + "\" to " + transport.description() + ": " + e.getMessage(), e));
            return;
        }
        p.sentNanos = hostClock.getAsLong();
        p.timeoutLength = timeout;
        lastSentNanos = System.nanoTime();
        inFlight.put(id, p);
        final int sentId = id;
        p.timeout = timer.schedule(() -> timedOut(sentId, p, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void timedOut(int id, Pending p, Duration timeout) {
        synchronized (lock) {
            if (inFlight.get(id) != p) {
                return;
            }
            inFlight.remove(id);
            pump();
        }
        p.future.completeExceptionally(new DeviceTimeoutException(p.request, "no reply to \"" + p.request.encode()
                + "\" from " + transport.description() + " within " + timeout.toMillis() + " ms: " + STOPPED_ANSWERING));
    }

    /** Under lock: sends waiting requests while there is room. */
    private void pump() {
        while (closed == null && inFlight.size() < options.maxInFlight() && !urgent.isEmpty()) {
            Pending p = urgent.poll();
            transmit(p, p.timeoutLength);
        }
        while (closed == null && gap == null && urgent.isEmpty() && inFlight.size() < options.maxInFlight()
                && !waiting.isEmpty()) {
            Pending p = waiting.poll();
            transmit(p, p.timeoutLength != null ? p.timeoutLength : options.requestTimeout());
        }
    }

    /** Tells the {@link PinRecord} about every ok reply (reader thread, before the future completes). */
    void observeOk(BiConsumer<Request, Reply> observer) {
        okObserver = observer;
    }

    /** With reconnecting on: a request that finds the link closed waits for the gap that follows. */
    void holdOnLinkLoss(boolean hold) {
        holdsOnLinkLoss = hold;
    }

    /** The link now in use, for messages. */
    String description() {
        return transport.description();
    }

    /**
     * The board is gone (or restarted) and is awaited: requests in flight will get no reply from
     * it, so they go back to the head of the waiting line, to be sent again once the board's
     * state is restored (their effect then happens once, on top of the restored state); with
     * {@code failAtOnce} they fail instead, and so does every request the program sends until
     * {@link #resume}. Their late replies, if the board still sends some, are dropped.
     */
    void suspend(DeviceDisconnectedException why, boolean failAtOnce) {
        List<Pending> failed = new ArrayList<>();
        synchronized (lock) {
            if (closed != null) {
                return;
            }
            gap = why;
            failDuringGap |= failAtOnce;
            List<Pending> again = new ArrayList<>();
            for (Pending p : inFlight.values()) {
                p.timeout.cancel(false);
                abandoned.add(p.request.id());
                (p.urgent ? failed : again).add(p);
            }
            inFlight.clear();
            failed.addAll(urgent);      // an earlier attempt's handshake or restore
            urgent.clear();
            if (failAtOnce) {
                failed.addAll(again);
                failed.addAll(waiting);
                waiting.clear();
            } else {
                for (int i = again.size() - 1; i >= 0; i--) {
                    waiting.addFirst(again.get(i));
                }
            }
        }
        for (Pending p : failed) {
            p.future.completeExceptionally(new DeviceDisconnectedException(why.getMessage()
                    + " (request \"" + p.describe() + "\" unanswered)", why));
        }
    }

    /**
     * From now on, while the board is away, the program's requests fail at once, and so do those
     * waiting (e.g. the program is being stopped: its cleanup must not wait for a board that is gone).
     */
    void stopWaiting() {
        List<Pending> failed;
        DeviceDisconnectedException why;
        synchronized (lock) {
            failDuringGap = true;
            if (gap == null) {
                return;
            }
            why = gap;
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Pending p : failed) {
            p.future.completeExceptionally(new DeviceDisconnectedException(why.getMessage()
                    + " (request \"" + p.describe() + "\" not sent)", why));
        }
    }

    /** During a gap: the board is (again) on this link; the handshake and restore go out on it. */
    void relink(Transport newLink) {
        synchronized (lock) {
            transport = newLink;
            handshaking = true;
        }
    }

    /** The board's state is restored: the program's waiting requests go out, in order. */
    void resume() {
        synchronized (lock) {
            gap = null;
            abandoned.clear();
            pump();
        }
    }

    /** True while the board is gone and awaited. */
    boolean inGap() {
        synchronized (lock) {
            return gap != null;
        }
    }

    /**
     * The board restarted and nothing restores its state: a request in flight that the rebooted
     * board refuses (e.g. {@code err mode}: its pins are unconfigured now) fails saying the board
     * restarted, not blaming the program; one it answers (a ping) completes as usual.
     */
    void boardRestarted(String what) {
        synchronized (lock) {
            inFlight.values().forEach(p -> p.acrossRestart = what);
        }
    }

    /** The device said something (reader thread): it is not silent. */
    void heard() {
        heard(true);
    }

    /** {@code talk} false: only {@code ! boot}, which a booting board says before it answers. */
    void heard(boolean talk) {
        lastHeardNanos = System.nanoTime();
        if (talk) {
            lastTalkNanos = lastHeardNanos;
        }
    }

    /** Whether the device said anything but {@code ! boot} after {@code nanos} (on {@link System#nanoTime()}). */
    boolean talkedSince(long nanos) {
        long t = lastTalkNanos;
        return t != NEVER && t - nanos >= 0;
    }

    /** When the device last said anything, on {@link System#nanoTime()}. */
    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** When the last request went out, on {@link System#nanoTime()} (not the host clock, which may be virtual). */
    long lastSentNanos() {
        return lastSentNanos;
    }

    /** Whether {@code text} is a request in flight, as sent (a REPL echoes what it gets). */
    boolean isInFlight(String text) {
        synchronized (lock) {
            for (Pending p : inFlight.values()) {
                if (p.request.encode().equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Before {@code hello}: a blank line ends whatever partial line the board's reader holds (bytes
     * another tool left there, e.g. mpremote's Ctrl-C and Ctrl-A, or a half-typed command; with
     * them in front, hello would be a syntax error). Until {@link #endHandshake}, what the board
     * says before its hello reply is not taken as an answer: a {@code -} reply (to those bytes), a
     * reply to an id not in flight (an earlier program's), and garbage for {@link #STALE_GRACE}.
     */
    void beginHandshake() {
        transport.send("");
    }

    void endHandshake() {
        synchronized (lock) {
            handshaking = false;
            if (garbageVerdict != null) {
                garbageVerdict.cancel(false);
            }
        }
    }

    /** A reply (reader thread): ends its request. */
    void reply(Reply r) {
        Pending p;
        synchronized (lock) {
            if (handshaking && !(r.hasId() && inFlight.containsKey(r.id()))) {
                return;         // stale, or the answer to the bytes the blank line ended
            }
            if (r.hasId() && !inFlight.containsKey(r.id()) && abandoned.remove(r.id())) {
                return;         // to a request that ended at a restart or gap
            }
            if (r.hasId()) {
                p = inFlight.remove(r.id());
            } else {
                // "-": the device could not read the id; it answers in order, so it is the oldest
                Iterator<Pending> it = inFlight.values().iterator();
                p = it.hasNext() ? it.next() : null;
                if (p != null) {
                    it.remove();
                }
            }
            if (p != null) {
                p.timeout.cancel(false);
                pump();
            }
        }
        if (p != null && p.onReply != null) {
            try {
                p.onReply.accept(r, p.sentNanos);
            } catch (RuntimeException e) {
                p.future.completeExceptionally(e);
                return;
            }
        }
        if (p == null) {
            warnings.warn("reply nobody waits for (late, after a timeout?) from " + transport.description() + ": \""
                    + LineCodec.describe(r.encode()) + "\"");
        } else if (r.ok()) {
            okObserver.accept(p.request, r);
            p.future.complete(r);
        } else if (p.acrossRestart != null) {
            p.future.completeExceptionally(new DeviceException(p.acrossRestart + " before it answered \""
                    + p.request.encode() + "\" (it answered err " + r.code() + "): its pin setup is gone; set the pins up again"));
        } else {
            p.future.completeExceptionally(new DeviceErrorException(r.code(), r.message(), p.request));
        }
    }

    /**
     * Fails everything in flight with what the device sent (a warning when nothing was). During
     * the handshake only after {@link #STALE_GRACE}, unless {@code conclusive} (a REPL echoing
     * hello is not stale).
     */
    void garbage(ProtocolException e, boolean conclusive) {
        synchronized (lock) {
            if (handshaking && !conclusive) {
                if (garbageVerdict == null) {
                    garbageVerdict = timer.schedule(() -> {
                        synchronized (lock) {
                            if (!handshaking) {
                                return;
                            }
                        }
                        failInFlight(e);
                    }, STALE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                }
                return;
            }
        }
        failInFlight(e);
    }

    private void failInFlight(ProtocolException e) {
        List<Pending> failed;
        synchronized (lock) {
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            failed.forEach(p -> p.timeout.cancel(false));
            pump();
        }
        if (failed.isEmpty()) {
            warnings.warn(e.getMessage());
        }
        for (Pending p : failed) {
            p.future.completeExceptionally(new ProtocolException("no reply to \"" + p.request.encode() + "\" from "
                    + transport.description() + ": " + e.getMessage(), e));
        }
    }

    /**
     * The link is gone: every request in flight and waiting fails, and so does every later one.
     * Returns the exception that says why (the first one, when closed twice).
     */
    DeviceDisconnectedException linkClosed(Throwable cause) {
        List<Pending> failed = new ArrayList<>();
        DeviceDisconnectedException ex;
        synchronized (lock) {
            if (closed == null) {
                closed = new DeviceDisconnectedException(cause == null
                        ? "the connection to " + transport.description() + " was closed"
                        : "lost the connection to " + transport.description() + ": " + cause.getMessage(), cause);
            }
            ex = closed;
            failed.addAll(inFlight.values());
            failed.addAll(urgent);
            failed.addAll(waiting);
            inFlight.clear();
            urgent.clear();
            waiting.clear();
            gap = null;
        }
        for (Pending p : failed) {
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            p.future.completeExceptionally(new DeviceDisconnectedException(ex.getMessage()
                    + " (request \"" + p.describe() + "\" unanswered)", cause));
        }
        return ex;
    }
}
