package io.picoloop.device;

import io.picoloop.loop.Async;
import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.DeviceLine;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.protocol.Request;
import io.picoloop.transport.LineListener;
import io.picoloop.transport.Transport;
import io.picoloop.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The protocol client: a Pico running the picoloop bridge, over any {@link Transport}.
 *
 * <p>{@link #connect} does the {@code hello} handshake. Requests are pipelined (up to 16 in
 * flight, more wait on the host), matched to replies by id, and each has a timeout. Every future
 * completes, one way or another: with the reply, {@link DeviceErrorException} (the device said
 * {@code err}), {@link DeviceTimeoutException}, {@link ProtocolException} (the device sent
 * something that is not protocol v1) or {@link DeviceDisconnectedException}.
 *
 * <p>Threads: the transport's reader thread decodes lines and matches replies, but never runs
 * user code: futures complete, and event and warning listeners run, on the callback executor of
 * {@link DeviceOptions} (a dedicated thread by default, or e.g. {@code loop::post}).
 *
 * <p>Watched inputs ({@link #watch}): {@code ! edge} events go to the {@link WatchedInput} of their
 * pin, stamped on the host timeline by the client's {@link DeviceClock} (pings when a pin is first
 * watched, then every {@link #CLOCK_PING_INTERVAL} while any is); {@code ! lost} and gaps in the
 * events' sequence numbers are reported to every watched input as {@link LostEvents}.
 *
 * <p>Blocking methods ({@link OutputPin#toggle()}, {@link #ping()}, ...) park the calling picoloop
 * task when called in one ({@link Async#await}), and block the thread otherwise.
 */
public final class Pico implements AutoCloseable {

    /** Requests that may wait on the host beyond the ones in flight. */
    public static final int MAX_WAITING = 4096;
    /** While a pin is watched the client pings this often to keep the {@link DeviceClock} right. */
    public static final Duration CLOCK_PING_INTERVAL = Duration.ofSeconds(2);
    /** Pings sent when the first pin is watched, before {@link #watch} returns. */
    static final int CALIBRATION_PINGS = 4;
    /** The longest debounce window the bridge takes. */
    public static final Duration MAX_DEBOUNCE = Duration.ofMillis(1000);
    private static final int MAX_ID = Request.MAX_ID;

    private final Transport transport;
    private final DeviceOptions options;
    private final Executor callbacks;
    private final ExecutorService ownCallbackThread;
    private volatile Thread callbackThread;
    private final ScheduledExecutorService timer;
    private final List<Consumer<DeviceEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> warningListeners = new CopyOnWriteArrayList<>();
    private final LongSupplier hostClock;
    private final DeviceClock deviceClock = new DeviceClock();
    /** Watched pins (pending or active), by pin. */
    private final Map<PinId, WatchedInput> watches = new ConcurrentHashMap<>();
    /** The last event sequence number seen (reader thread only); -1: unknown. */
    private long lastSeq = -1;
    private long linkGaps;
    private ScheduledFuture<?> clockPinger;

    private final Object lock = new Object();
    /** In flight, in send order (the device answers in order). */
    private final LinkedHashMap<Integer, Pending> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int nextId = 1;
    private DeviceDisconnectedException closed;
    private volatile boolean handshakeDone;
    private volatile BoardInfo board;

    private final class Pending {
        final String command;
        final String[] args;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        Request request;
        long sentNanos;
        ScheduledFuture<?> timeout;
        /** Runs on the reader thread with the reply (ok or err) before the future completes. */
        java.util.function.ObjLongConsumer<Reply> onReply;

        Pending(String command, String[] args) {
            this.command = command;
            this.args = args;
        }

        String describe() {
            return request != null ? request.encode() : command + (args.length == 0 ? "" : " " + String.join(" ", args));
        }
    }

    private Pico(Transport transport, DeviceOptions options) {
        this.transport = transport;
        this.options = options;
        this.hostClock = options.hostClock();
        if (options.callbackExecutor() != null) {
            this.callbacks = options.callbackExecutor();
            this.ownCallbackThread = null;
        } else {
            this.ownCallbackThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = Thread.ofPlatform().daemon().name("picoloop-device " + transport.description()).unstarted(r);
                callbackThread = t;
                return t;
            });
            this.callbacks = ownCallbackThread;
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r ->
                Thread.ofPlatform().daemon().name("picoloop-timeouts " + transport.description()).unstarted(r));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** Connects with the default options (1 s per request, 16 in flight). */
    public static Pico connect(Transport transport) {
        return connect(transport, DeviceOptions.defaults());
    }

    /**
     * Starts the transport and does the {@code hello} handshake.
     *
     * @throws io.picoloop.protocol.ProtocolVersionException when the bridge speaks another protocol version
     * @throws ProtocolException  when the device is not the bridge (e.g. the MicroPython REPL)
     * @throws DeviceException    when it does not answer (timeout) or the link dies; the transport is closed
     */
    public static Pico connect(Transport transport, DeviceOptions options) {
        Pico pico = new Pico(transport, options);
        try {
            transport.start(pico.listener());
            Reply hello = pico.await(pico.send("hello", new String[0], options.handshakeTimeout()));
            pico.board = BoardInfo.fromHello(hello, transport.description());
            pico.handshakeDone = true;
            return pico;
        } catch (DeviceTimeoutException e) {
            pico.close();
            throw new DeviceTimeoutException(e.request(), "no answer to hello from " + transport.description()
                    + " within " + options.handshakeTimeout().toMillis() + " ms: is the picoloop bridge installed"
                    + " (copy bridge-firmware/*.py to the board, see README) and is this the right port?");
        } catch (RuntimeException e) {
            pico.close();
            throw e;
        }
    }

    /** What the bridge said in the handshake. */
    public BoardInfo boardInfo() {
        return board;
    }

    /** The port, e.g. {@code /dev/ttyACM0} or {@code simulated Pico}. */
    public String description() {
        return transport.description();
    }

    public boolean isConnected() {
        synchronized (lock) {
            return closed == null;
        }
    }

    /** Events ({@code ! kind ...}) the device sends; runs on the callback executor. */
    public void onEvent(Consumer<DeviceEvent> listener) {
        eventListeners.add(listener);
    }

    /**
     * Things a user should know that belong to no request: the board restarted ({@code ! boot}
     * mid-session), a reply nobody waited for, garbage while nothing was pending. Runs on the
     * callback executor.
     */
    public void onWarning(Consumer<String> listener) {
        warningListeners.add(listener);
    }

    // ---- requests ----

    /**
     * Sends a request; the future completes with the {@code ok} reply, or fails (see the class
     * comment). Never blocks.
     *
     * @throws IllegalArgumentException when the command or an argument is not a printable ASCII word
     */
    public CompletableFuture<Reply> send(String command, String... args) {
        return send(command, args, options.requestTimeout());
    }

    private CompletableFuture<Reply> send(String command, String[] args, Duration timeout) {
        return send(command, args, timeout, null);
    }

    private CompletableFuture<Reply> send(String command, String[] args, Duration timeout,
                                          java.util.function.ObjLongConsumer<Reply> onReply) {
        Request.of(Request.MAX_ID, command, args).encode(); // validate on the caller's thread, longest id
        Pending p = new Pending(command, args.clone());
        p.onReply = onReply;
        synchronized (lock) {
            if (closed != null) {
                p.future.completeExceptionally(closed);
            } else if (inFlight.size() < options.maxInFlight()) {
                transmit(p, timeout);
            } else if (waiting.size() >= MAX_WAITING) {
                p.future.completeExceptionally(new DeviceException(MAX_WAITING + " requests are already waiting for "
                        + transport.description() + ": the program sends faster than the device answers"));
            } else {
                p.timeout = null;
                waiting.add(p);
            }
        }
        // user code chained on the returned future must not run on the reader or timer thread
        CompletableFuture<Reply> user = new CompletableFuture<>();
        p.future.whenComplete((r, e) -> dispatch(() -> {
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
            p.future.completeExceptionally(new DeviceDisconnectedException("cannot send \"" + p.request.encode()
                    + "\" to " + transport.description() + ": " + e.getMessage(), e));
            return;
        }
        p.sentNanos = hostClock.getAsLong();
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
                + "\" from " + transport.description() + " within " + timeout.toMillis() + " ms"));
    }

    /** Under lock: sends waiting requests while there is room. */
    private void pump() {
        while (closed == null && inFlight.size() < options.maxInFlight() && !waiting.isEmpty()) {
            transmit(waiting.poll(), options.requestTimeout());
        }
    }

    // ---- what the device sends (reader thread) ----

    private LineListener listener() {
        return new LineListener() {
            @Override
            public void onLine(byte[] line) {
                received(line);
            }

            @Override
            public void onGarbage(String description) {
                garbage(new ProtocolException("the device sent " + description));
            }

            @Override
            public void onClosed(Throwable cause) {
                linkClosed(cause);
            }
        };
    }

    private void received(byte[] line) {
        if (isBlank(line)) {
            return;
        }
        DeviceLine decoded;
        try {
            decoded = LineCodec.decodeDeviceLine(line);
        } catch (ProtocolException e) {
            garbage(explainEcho(line, e));
            return;
        }
        switch (decoded) {
            case Reply r -> reply(r);
            case DeviceEvent e -> event(e);
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A REPL echoes what it gets: "1 hello" coming back is the REPL, say so. */
    private ProtocolException explainEcho(byte[] line, ProtocolException e) {
        String text = new String(line, StandardCharsets.ISO_8859_1).strip();
        synchronized (lock) {
            for (Pending p : inFlight.values()) {
                if (p.request.encode().equals(text)) {
                    return new ProtocolException("the device echoed the request \"" + text + "\": "
                            + LineCodec.REPL_HINT);
                }
            }
        }
        return e;
    }

    private void reply(Reply r) {
        Pending p;
        synchronized (lock) {
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
            warn("reply nobody waits for (late, after a timeout?) from " + transport.description() + ": \""
                    + LineCodec.describe(r.encode()) + "\"");
        } else if (r.ok()) {
            p.future.complete(r);
        } else {
            p.future.completeExceptionally(new DeviceErrorException(r.code(), r.message(), p.request));
        }
    }

    private void event(DeviceEvent e) {
        if (e.kind().equals(DeviceEvent.BOOT)) {
            lastSeq = 0;
            deviceClock.reset();
            if (!handshakeDone) {
                return; // the board just started: expected
            }
            warn("the board on " + transport.description() + " restarted (" + e.encode()
                    + "): its pin setup is gone");
            String reason = "the board restarted (" + e.encode() + "): watch again";
            for (WatchedInput w : List.copyOf(watches.values())) {
                if (watches.remove(w.pin(), w)) {
                    w.ended(reason);
                }
            }
            stopClockPingsIfIdle();
        } else if (e.kind().equals(DeviceEvent.EDGE) || e.kind().equals(DeviceEvent.LOST)) {
            try {
                watchEvent(e);
            } catch (NumberFormatException | IndexOutOfBoundsException bad) {
                warn("malformed event from " + transport.description() + ": \"" + LineCodec.describe(e.encode()) + "\"");
            }
        }
        for (Consumer<DeviceEvent> l : eventListeners) {
            dispatch(() -> l.accept(e));
        }
    }

    /** An edge or lost event, on the reader thread: sequence check, clock mapping, routing. */
    private void watchEvent(DeviceEvent e) {
        long arrival = hostClock.getAsLong();
        boolean edge = e.kind().equals(DeviceEvent.EDGE);
        List<String> f = e.fields();
        long seq = Long.parseLong(f.get(edge ? 3 : 1));
        if (lastSeq >= 0 && seq > lastSeq + 1) {
            long missing = seq - lastSeq - 1;
            linkGaps += missing;
            LostEvents gap = new LostEvents(missing, seq, false);
            watches.values().forEach(w -> w.lost(gap));
        }
        lastSeq = seq;
        if (!edge) {
            LostEvents dropped = new LostEvents(Long.parseLong(f.get(0)), seq, true);
            watches.values().forEach(w -> w.lost(dropped));
            return;
        }
        PinId pin = PinId.gpio(Integer.parseInt(f.get(0)));
        String level = f.get(1);
        if (!level.equals("0") && !level.equals("1")) {
            throw new NumberFormatException("level " + level);
        }
        long micros = Long.parseLong(f.get(2));
        WatchedInput w = watches.get(pin);
        if (w == null) {
            return; // not watched by this client (an earlier session's watch, or just unwatched)
        }
        long host = Math.min(arrival, deviceClock.toHostNanos(micros).orElse(arrival));
        w.edge(new Edge(pin, level.equals("1"), micros, seq, host));
    }

    /** Fails everything in flight with what the device sent. */
    private void garbage(ProtocolException e) {
        List<Pending> failed;
        synchronized (lock) {
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            failed.forEach(p -> p.timeout.cancel(false));
            pump();
        }
        if (failed.isEmpty()) {
            warn(e.getMessage());
        }
        for (Pending p : failed) {
            p.future.completeExceptionally(new ProtocolException("no reply to \"" + p.request.encode() + "\" from "
                    + transport.description() + ": " + e.getMessage(), e));
        }
    }

    private void linkClosed(Throwable cause) {
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
            failed.addAll(waiting);
            inFlight.clear();
            waiting.clear();
            if (clockPinger != null) {
                clockPinger.cancel(false);
                clockPinger = null;
            }
        }
        for (WatchedInput w : List.copyOf(watches.values())) {
            if (watches.remove(w.pin(), w)) {
                w.ended(ex.getMessage());
            }
        }
        for (Pending p : failed) {
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            String what = p.describe();
            p.future.completeExceptionally(new DeviceDisconnectedException(ex.getMessage()
                    + " (request \"" + what + "\" unanswered)", cause));
        }
        if (cause != null) {
            warn(ex.getMessage());
        }
    }

    private void warn(String message) {
        for (Consumer<String> l : warningListeners) {
            dispatch(() -> l.accept(message));
        }
    }

    void dispatch(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RuntimeException e) {
            // the executor is shut down (client or loop closed): run it here rather than leave a
            // future incomplete forever
            r.run();
        }
    }

    // ---- pins and commands ----

    /** Makes a pin an output driven low ({@code mode <pin> out 0}). */
    public OutputPin output(PinId pin) {
        return await(outputAsync(pin));
    }

    /** {@link #output(PinId)} for a GPIO number. */
    public OutputPin output(int gpio) {
        return output(PinId.gpio(gpio));
    }

    /** {@link #output(PinId)} for {@code LED}, {@code 25} or {@code GP25}. */
    public OutputPin output(String name) {
        return output(parsePin(name));
    }

    public CompletableFuture<OutputPin> outputAsync(PinId pin) {
        PinId checked = board.checkPin(pin);
        return send("mode", checked.token(), "out", "0").thenApply(r -> new OutputPin(this, checked));
    }

    /** Makes a pin an input with the given pull ({@code mode <pin> in <pull>}). */
    public InputPin input(PinId pin, Pull pull) {
        return await(inputAsync(pin, pull));
    }

    public InputPin input(int gpio, Pull pull) {
        return input(PinId.gpio(gpio), pull);
    }

    public InputPin input(String name, Pull pull) {
        return input(parsePin(name), pull);
    }

    public CompletableFuture<InputPin> inputAsync(PinId pin, Pull pull) {
        PinId checked = board.checkPin(pin);
        return send("mode", checked.token(), "in", pull.token()).thenApply(r -> new InputPin(this, checked, pull));
    }

    /** Drives every output low (the safe state); how many outputs were set. */
    public int allOff() {
        return await(allOffAsync());
    }

    public CompletableFuture<Integer> allOffAsync() {
        return send("off").thenApply(r -> (int) r.longValue(0));
    }

    /** The device clock and the round trip. */
    public PingResult ping() {
        return await(pingAsync());
    }

    /** Pings; every ping is also a sample for {@link #deviceClock()}. */
    public CompletableFuture<PingResult> pingAsync() {
        long[] rtt = {0};
        return send("ping", new String[0], options.requestTimeout(), (r, start) -> {
            long now = hostClock.getAsLong();
            if (r.ok() && !r.values().isEmpty()) {
                rtt[0] = now - start;
                deviceClock.addSample(start, now, r.longValue(0));
            }
        }).thenApply(r -> new PingResult(r.longValue(0), Duration.ofNanos(rtt[0])));
    }

    /**
     * The mapping of device times onto the host timeline ({@link DeviceOptions#hostClock()}),
     * from the pings so far.
     */
    public DeviceClock deviceClock() {
        return deviceClock;
    }

    /** Now, on the host timeline that device times are mapped onto ({@link DeviceOptions#hostClock()}). */
    public long hostNanos() {
        return hostClock.getAsLong();
    }

    /** Event lines missing on the link so far (gaps in the events' sequence numbers). */
    public long linkGaps() {
        return linkGaps;
    }

    // ---- watched inputs ----

    /**
     * Watches an input ({@code watch <pin> <pull> <ms>}): the pin becomes an input with that pull
     * and its debounced edges come to the returned object's listeners. The first watch also pings
     * a few times so that edge times map onto the host clock from the start. Parks a picoloop
     * task, blocks a plain thread.
     *
     * @param debounce the leading-edge debounce window, 0 to 1000 ms (whole milliseconds)
     * @throws IllegalArgumentException for a pin that is not a free GPIO, {@code LED}, or a bad debounce
     * @throws IllegalStateException    when this client already watches the pin
     */
    public WatchedInput watch(PinId pin, Pull pull, Duration debounce) {
        return await(watchAsync(pin, pull, debounce));
    }

    public WatchedInput watch(int gpio, Pull pull, Duration debounce) {
        return watch(PinId.gpio(gpio), pull, debounce);
    }

    public WatchedInput watch(String name, Pull pull, Duration debounce) {
        return watch(parsePin(name), pull, debounce);
    }

    /** A button to GND: pull-up, 20 ms debounce. */
    public WatchedInput watch(int gpio) {
        return watch(PinId.gpio(gpio), Pull.UP, Duration.ofMillis(20));
    }

    public CompletableFuture<WatchedInput> watchAsync(PinId pin, Pull pull, Duration debounce) {
        PinId checked = board.checkPin(pin);
        if (checked.isLed()) {
            throw new IllegalArgumentException("LED cannot be watched: use a GPIO number");
        }
        if (debounce.isNegative() || debounce.compareTo(MAX_DEBOUNCE) > 0) {
            throw new IllegalArgumentException("debounce must be 0 to " + MAX_DEBOUNCE.toMillis() + " ms: "
                    + debounce.toMillis() + " ms");
        }
        WatchedInput w = new WatchedInput(this, checked, pull, debounce);
        if (watches.putIfAbsent(checked, w) != null) {
            throw new IllegalStateException(checked + " is already watched on " + description()
                    + ": add a listener to its WatchedInput, or unwatch it first");
        }
        boolean first = !deviceClock.isCalibrated();
        CompletableFuture<Reply> reply = send("watch", new String[]{checked.token(), pull.token(),
                Long.toString(debounce.toMillis())}, options.requestTimeout(), (r, sent) -> {
            if (r.ok()) {
                w.activate(level(r));
            } else {
                watches.remove(checked, w);
            }
        });
        CompletableFuture<Void> calibrated = first ? calibrate() : CompletableFuture.completedFuture(null);
        startClockPings();
        return reply.thenCombine(calibrated, (r, c) -> w).whenComplete((r, e) -> {
            if (e != null && watches.remove(checked, w)) {
                w.ended("watch failed: " + e.getMessage());
                stopClockPingsIfIdle();
            }
        });
    }

    /** A few pings, pipelined; completes when they are all answered, whatever the answers. */
    private CompletableFuture<Void> calibrate() {
        CompletableFuture<?>[] pings = new CompletableFuture<?>[CALIBRATION_PINGS];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = pingAsync().exceptionally(e -> null);
        }
        return CompletableFuture.allOf(pings);
    }

    private void startClockPings() {
        synchronized (lock) {
            if (clockPinger == null && closed == null) {
                long period = CLOCK_PING_INTERVAL.toNanos();
                clockPinger = timer.scheduleAtFixedRate(() -> {
                    if (watches.isEmpty()) {
                        stopClockPingsIfIdle();
                    } else {
                        pingAsync().exceptionally(e -> null);
                    }
                }, period, period, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void stopClockPingsIfIdle() {
        synchronized (lock) {
            if (clockPinger != null && watches.isEmpty()) {
                clockPinger.cancel(false);
                clockPinger = null;
            }
        }
    }

    /** Removes a watch from the routing table; false when it was not (or no longer) there. */
    boolean endWatch(WatchedInput w) {
        boolean removed = watches.remove(w.pin(), w);
        stopClockPingsIfIdle();
        return removed;
    }

    /**
     * Parses a pin name and checks it against the board.
     *
     * @throws IllegalArgumentException for a name that is no pin, or a pin that is not free
     */
    public PinId parsePin(String name) {
        PinId pin = PinId.parse(name).orElseThrow(() -> new IllegalArgumentException("\"" + name
                + "\" is not a pin: use a GPIO number (16 or GP16) or LED"));
        return board.checkPin(pin);
    }

    static boolean level(Reply r) {
        long v = r.longValue(0);
        if (v != 0 && v != 1) {
            throw new ProtocolException("expected a level 0 or 1, saw \"" + LineCodec.describe(r.encode()) + "\"");
        }
        return v == 1;
    }

    /**
     * Waits for a future: parks the current picoloop task if called in one, else blocks the thread.
     * Failures are thrown as they are (DeviceException, ProtocolException, ...).
     */
    <T> T await(CompletableFuture<T> f) {
        if (Async.inTask()) {
            return Async.await(f);
        }
        if (Thread.currentThread() == callbackThread && !f.isDone()) {
            throw new IllegalStateException("a blocking device call in a device callback would wait forever:"
                    + " use the ...Async() variant there");
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new DeviceException(c.toString(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for " + transport.description(), e);
        }
    }

    /**
     * Closes the link. Pending requests fail with {@link DeviceDisconnectedException}. Outputs keep
     * their level: call {@link #allOff()} first for the safe state.
     */
    @Override
    public void close() {
        transport.close();
        linkClosed(null);
        timer.shutdownNow();
        if (ownCallbackThread != null) {
            ownCallbackThread.shutdown();
        }
    }

    @Override
    public String toString() {
        BoardInfo b = board;
        return b == null ? "Pico on " + description() : b.model() + " on " + description() + " (bridge " + b.firmwareVersion() + ")";
    }

}
