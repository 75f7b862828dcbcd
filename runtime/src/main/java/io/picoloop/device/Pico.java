package io.picoloop.device;

import io.picoloop.loop.Async;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Command;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.Events;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import io.picoloop.transport.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * watched, then every 2 s while any is); {@code ! lost} and gaps in the
 * events' sequence numbers are reported to every watched input as {@link LostEvents}.
 *
 * <p>Keepalive ({@link DeviceOptions#keepalive()}, 3 s by default): right after the handshake the
 * client arms the board's watchdog and then sends a {@code ping} whenever nothing else went out
 * for a third of the period; if this program dies without switching the outputs off (killed,
 * crashed, the Pi hangs), the board does it when the period has passed. When the board reports
 * that it did ({@code ! expired}), the client warns ({@link #onWarning}), ends the watches and arms
 * it again.
 *
 * <p>Replug and restart ({@link #connect(Transport, DeviceOptions, Reconnect)}, {@link Boards}): the
 * client waits for the same board (by its uid) and restores what the program set, as
 * {@link Reconnect} says; {@link LinkSupervisor} and {@link PinRecord} do it.
 *
 * <p>Blocking methods ({@link OutputPin#toggle()}, {@link #ping()}, ...) park the calling picoloop
 * task when called in one ({@link Async#await}), and block the thread otherwise.
 *
 * <p>This class is the facade; the work is done by its parts, which do not call back into it:
 * {@link Handshake}, {@link RequestPipeline}, {@link IncomingLines}, {@link EventRouter},
 * {@link ClockSync}, {@link SilenceDetector}, {@link Keepalive}, {@link LinkSupervisor},
 * {@link PinRecord}, {@link Unwatcher}, {@link Callbacks}, {@link Warnings} and {@link Waiter}. Every request and
 * reply layout comes from the protocol catalogue ({@link Commands}, {@link io.picoloop.protocol.Events}).
 */
public final class Pico implements AutoCloseable {

    private final DeviceOptions options;
    private final LongSupplier hostClock;
    private final ScheduledThreadPoolExecutor timer;
    private final Callbacks callbacks;
    private final Warnings warnings;
    private final Waiter waiter;
    private final RequestPipeline requests;
    private final ClockSync clockSync;
    private final Keepalive keepalive;
    private final EventRouter events;
    private final Unwatcher unwatcher;
    private final PinRecord record = new PinRecord();
    private final PwmPins pwms = new PwmPins();
    private final AnalogStreams streams = new AnalogStreams();
    /** The live link, and the wait for the board when it goes away or restarts ({@link Reconnect}). */
    private final LinkSupervisor link;
    private final AtomicBoolean pullCaveatSaid = new AtomicBoolean();
    private final CompletableFuture<DeviceDisconnectedException> lost = new CompletableFuture<>();
    private volatile BridgeIdentity board;

    private Pico(Transport transport, DeviceOptions options, Reconnect reconnect) {
        this.options = options;
        this.hostClock = options.hostClock();
        this.timer = new ScheduledThreadPoolExecutor(1, r ->
                Thread.ofPlatform().daemon().name("picoloop-timeouts " + transport.description()).unstarted(r));
        timer.setRemoveOnCancelPolicy(true);
        this.callbacks = new Callbacks(options.callbackExecutor(), transport.description());
        this.warnings = new Warnings(callbacks);
        this.waiter = new Waiter(callbacks, this::description);
        this.requests = new RequestPipeline(transport, options, timer, callbacks, warnings);
        SilenceDetector silence = new SilenceDetector(options.requestTimeout(), requests::lastHeardNanos, this::giveUp);
        this.clockSync = new ClockSync(requests, options, timer, this::anyWatched, silence);
        this.keepalive = new Keepalive(requests, clockSync, timer, warnings, options, this::description);
        this.events = new EventRouter(this::description, hostClock, clockSync.deviceClock(), callbacks, warnings,
                streams, this::boardStateLost, this::restarted);
        this.unwatcher = new Unwatcher(events, clockSync, requests, waiter, options.requestTimeout(), this::description);
        requests.observeOk((request, reply) -> {
            record.ok(request, reply);
            pwms.ok(request, reply);
            streams.ok(request, reply);
        });
        this.link = new LinkSupervisor(transport, reconnect, waiter, requests, events, clockSync, silence, keepalive,
                warnings, record, options, this::linkClosed);
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
        return connect(transport, options, Reconnect.off());
    }

    /**
     * {@link #connect(Transport, DeviceOptions)}, and when the board goes away or restarts, waits
     * for it and restores the program's state as {@code reconnect} says (see {@link Reconnect}).
     */
    public static Pico connect(Transport transport, DeviceOptions options, Reconnect reconnect) {
        Pico pico = new Pico(transport, options, reconnect);
        try {
            // (the supervisor handles the link closing: it may be a replug, not the end)
            pico.link.start(new IncomingLines(pico.requests, pico.events, cause -> { }));
            pico.board = Handshake.hello(pico.waiter, pico.requests, transport.description(), options.handshakeTimeout());
            pico.link.connected(pico.board);
            pico.board.firmwareAdvice(transport.description()).ifPresent(pico.warnings::warn);
            pico.events.handshakeDone();
            pico.keepalive.arm(pico.board);
            return pico;
        } catch (RuntimeException e) {
            pico.closeLeavingOutputs();       // no handshake: nothing to switch off
            throw e;
        }
    }

    /** What the bridge said about itself and its board in the handshake. */
    public BridgeIdentity identity() {
        return board;
    }

    /** The port, e.g. {@code /dev/ttyACM0} or {@code simulated Pico}. */
    public String description() {
        return link.description();
    }

    /** False once the link is closed, and while the board is gone and awaited ({@link Reconnect}). */
    public boolean isConnected() {
        return !requests.isClosed() && !requests.inGap();
    }

    /**
     * While the board is away ({@link Reconnect}), the program's requests fail at once from now on
     * instead of waiting for it, and so do those already waiting; when the board is back, requests
     * go as usual. For a program that is stopping (Ctrl-C): its cleanup must not wait for a board
     * that is gone.
     */
    public void stopWaitingForBoard() {
        requests.stopWaiting();
    }

    /** How many times the board came back after a replug or a restart ({@link Reconnect}). */
    public long reconnects() {
        return link.reconnects();
    }

    /**
     * The keepalive period the board acknowledged: if the host goes quiet that long, the board's
     * bridge switches every output off by itself (see {@link DeviceOptions#keepalive()}). Zero when
     * it is off, the bridge refused it (firmware before 0.3.0), or the board has not answered it
     * (yet, or again after a restart). For telling a user what happens to the outputs when the
     * link fails.
     */
    public Duration confirmedKeepalive() {
        return keepalive.confirmed();
    }

    /** Events ({@code ! kind ...}) the device sends; runs on the callback executor. */
    public void onEvent(Consumer<DeviceEvent> listener) {
        events.onEvent(listener);
    }

    /**
     * Things a user should know that belong to no request: the board restarted ({@code ! boot}
     * mid-session), its keepalive ran out ({@code ! expired}) or it has none (old firmware), a
     * reply nobody waited for, garbage while nothing was pending. Runs on the callback executor.
     * The first listener also gets the warnings from before it was added (up to 16).
     */
    public void onWarning(Consumer<String> listener) {
        warnings.onWarning(listener);
    }

    /**
     * Completes with why, when the link is lost: unplugged, the board reset, or it stopped
     * answering (never when the program closes it). Runs on the callback executor, just before the
     * {@link #onWarning} listeners hear the same message; for a program that only listens or
     * sleeps and would otherwise not notice.
     */
    public java.util.concurrent.CompletionStage<DeviceDisconnectedException> whenLost() {
        return lost.minimalCompletionStage();
    }

    /**
     * Sends a request; the future completes with the {@code ok} reply, or fails (see the class
     * comment). Never blocks.
     *
     * @throws IllegalArgumentException when the command or an argument is not a printable ASCII word
     */
    public CompletableFuture<Reply> send(String command, String... args) {
        return send(new Command(command, args));
    }

    /** Sends a request of the catalogue ({@link Commands}); see {@link #send(String, String...)}. */
    CompletableFuture<Reply> send(Command command) {
        return requests.send(command, options.requestTimeout(), null);
    }

    /**
     * Sends a request and waits for its reply, read by {@code decode} (a decoder of the catalogue:
     * pure, quick). In a picoloop task the reply wakes the task from the thread that read it, one
     * hand-off as for an edge, the decoder running there; elsewhere as {@link #await} of
     * {@link #send(Command)}.
     */
    <T> T call(Command command, Function<Reply, T> decode) {
        if (Async.inTask()) {
            return Async.await(requests.sendForTask(command, options.requestTimeout()).thenApply(decode));
        }
        return await(send(command).thenApply(decode));
    }

    /** Runs {@code r} on the callback executor. */
    void dispatch(Runnable r) {
        callbacks.dispatch(r);
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

    /** {@link #output(PinId)} for a pin as {@link #parsePin} takes it: {@code "red"}, {@code "16"}, {@code "LED"}. */
    public OutputPin output(String name) {
        return output(parsePin(name));
    }

    public CompletableFuture<OutputPin> outputAsync(PinId pin) {
        return outputAsync(pin, false);
    }

    /** Makes a pin an output driven to {@code high} at once, in one request ({@code mode <pin> out <level>}). */
    public OutputPin output(PinId pin, boolean high) {
        return await(outputAsync(pin, high));
    }

    public CompletableFuture<OutputPin> outputAsync(PinId pin, boolean high) {
        PinId checked = board.checkPin(pin);
        return send(Commands.modeOut(checked, high)).thenApply(r -> new OutputPin(this, checked));
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
        PinId checked = board.checkInput(pin, "an input", "use a GPIO such as 14");
        warnOfPull(checked, pull);
        return send(Commands.modeIn(checked, pull.token())).thenApply(r -> new InputPin(this, checked, pull));
    }

    /**
     * Drives several outputs to their levels in the same instant, in one request
     * ({@code write 16 1 19 0 20 1}): the bridge sets them all with one store to the chip's GPIO
     * registers, so no observer sees some changed and others not, and a traffic light's phase costs
     * one round trip. Returns the device time of the change (see {@link PinWrite}). GPIO only: a
     * Pico W's LED, on the wireless chip, is refused. Needs bridge firmware 0.4.0.
     *
     * @throws IllegalArgumentException when {@code levels} is empty, holds a pin of another board,
     *                                  the same pin twice, or a Pico W's LED
     */
    public OptionalLong setTogether(Map<OutputPin, Boolean> levels) {
        return await(setTogetherAsync(levels));
    }

    public CompletableFuture<OptionalLong> setTogetherAsync(Map<OutputPin, Boolean> levels) {
        return send(OutputPin.writeTogether(this, levels)).thenApply(Commands::writeTime);
    }

    // ---- PWM and analog inputs (firmware 0.5.0) ----

    /**
     * Makes a pin a PWM output at {@link PwmPin#DEFAULT_FREQUENCY_HZ} with duty 0 (always low)
     * ({@code pwm <pin> 1000 0}); set its duty with {@link PwmPin#duty(double)}. One handle per pin:
     * asking again gives the same one, started afresh.
     *
     * @throws IllegalArgumentException for a pin that is not a free GPIO (or a Pico W's LED)
     * @throws IllegalStateException    when the bridge's firmware is older than 0.5.0
     */
    public PwmPin pwm(PinId pin) {
        return await(pwmAsync(pin, PwmPin.DEFAULT_FREQUENCY_HZ));
    }

    public PwmPin pwm(int gpio) {
        return pwm(PinId.gpio(gpio));
    }

    public PwmPin pwm(String name) {
        return pwm(parsePin(name));
    }

    /** {@link #pwm(PinId)} at {@code frequencyHz} (10 to 1000000). */
    public PwmPin pwm(PinId pin, int frequencyHz) {
        return await(pwmAsync(pin, frequencyHz));
    }

    public PwmPin pwm(int gpio, int frequencyHz) {
        return pwm(PinId.gpio(gpio), frequencyHz);
    }

    public CompletableFuture<PwmPin> pwmAsync(PinId pin, int frequencyHz) {
        AnalogRules.requireFirmware(board, "PWM", description());
        PinId checked = AnalogRules.pwmPin(board, pin);
        AnalogRules.frequency(frequencyHz);
        PwmPin handle = pwms.of(checked, p -> new PwmPin(this, p));
        return handle.startAsync(frequencyHz).thenApply(v -> handle);
    }

    /**
     * An analog input: GP26, GP27 or GP28 (ADC channels 0-2). Sends nothing: {@link AnalogInput#read()}
     * and {@link AnalogInput#stream} do.
     *
     * @throws IllegalArgumentException for a pin with no ADC (GP29 is the board's own: it says so)
     * @throws IllegalStateException    when the bridge's firmware is older than 0.5.0
     */
    public AnalogInput analog(int gpio) {
        return analog(AdcInput.gpio(gpio));
    }

    public AnalogInput analog(PinId pin) {
        if (pin.isLed()) {
            throw new IllegalArgumentException("LED has no ADC: the analog inputs are GP26, GP27, GP28 and"
                    + " the temperature sensor (pico.temperature())");
        }
        return analog(AdcInput.gpio(pin.gpio()));
    }

    /** {@link #analog(PinId)} for a pin as {@link #parsePin} takes it, or {@code "temp"}. */
    public AnalogInput analog(String name) {
        return AdcInput.parse(name).filter(AdcInput::isTemperature).map(this::analog)
                .orElseGet(() -> analog(parsePin(name)));
    }

    /** The chip's temperature sensor (ADC channel 4); {@link AnalogReading#celsius()} reads degrees. */
    public AnalogInput temperature() {
        return analog(AdcInput.TEMPERATURE);
    }

    /** An analog input as the protocol names it ({@link AdcInput#TEMPERATURE} or a GPIO). */
    public AnalogInput analog(AdcInput input) {
        AnalogRules.requireFirmware(board, "analog input", description());
        return new AnalogInput(this, AnalogRules.adcInput(board, input));
    }

    /** {@link AnalogInput#streamAsync}: registered before the request goes, so no sample is missed. */
    CompletableFuture<AnalogStream> stream(AdcInput input, long periodMs) {
        AnalogStream s = new AnalogStream(this, callbacks, warnings, input, Duration.ofMillis(periodMs));
        if (!streams.add(s)) {
            throw new IllegalStateException(input + " is already streamed on " + description()
                    + ": add a listener to its AnalogStream, or stop it first");
        }
        boolean first = !clockSync.deviceClock().isCalibrated();
        CompletableFuture<Reply> reply = requests.send(Commands.stream(input, periodMs), options.requestTimeout(),
                (r, sent) -> {
                    if (r.ok()) {
                        s.activate(Commands.effectTime(r));
                    } else {
                        streams.remove(s);
                    }
                });
        CompletableFuture<Void> calibrated = first ? clockSync.calibrate() : CompletableFuture.completedFuture(null);
        clockSync.start();
        return reply.thenCombine(calibrated, (r, c) -> s).whenComplete((r, e) -> {
            if (e != null && streams.remove(s)) {
                clockSync.stopIfIdle();
                s.ended("stream failed: " + e.getMessage());
            }
        });
    }

    /** Ends a stream here at once, and tells the board when it is there to hear it. */
    CompletableFuture<Void> stopStream(AnalogStream s, boolean quietly) {
        if (!streams.remove(s)) {
            return CompletableFuture.completedFuture(null);
        }
        clockSync.stopIfIdle();
        s.ended("stopped");
        if (requests.isClosed() || requests.inGap()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> told = send(Commands.streamOff(s.input())).thenApply(r -> null);
        return quietly ? told.exceptionally(e -> null) : told;
    }

    /** Drives every output low (the safe state); how many outputs were set. */
    public int allOff() {
        return await(allOffAsync());
    }

    public CompletableFuture<Integer> allOffAsync() {
        return send(Commands.off()).thenApply(Commands::offCount);
    }

    /** The device clock and the round trip. */
    public PingResult ping() {
        return await(pingAsync());
    }

    /** Pings; every ping is also a sample for {@link #deviceClock()}. */
    public CompletableFuture<PingResult> pingAsync() {
        return clockSync.ping();
    }

    /**
     * The mapping of device times onto the host timeline ({@link DeviceOptions#hostClock()}),
     * from the pings so far.
     */
    public DeviceClock deviceClock() {
        return clockSync.deviceClock();
    }

    /** Now, on the host timeline that device times are mapped onto ({@link DeviceOptions#hostClock()}). */
    public long hostNanos() {
        return hostClock.getAsLong();
    }

    /** Event lines missing on the link so far (gaps in the events' sequence numbers). */
    public long linkGaps() {
        return events.linkGaps();
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

    /**
     * {@link #watch(PinId, Pull, Duration)} with a set-up: {@code setUp} gets the watched input on
     * the calling thread before the {@code watch} request is sent, so the listeners it adds miss
     * no edge of the watch (with the plain variant, an edge between the reply and the caller's
     * {@code addListener} reaches {@link WatchedInput#level()} but no listener). When it throws,
     * nothing is watched and the exception is thrown.
     */
    public WatchedInput watch(PinId pin, Pull pull, Duration debounce, Consumer<? super WatchedInput> setUp) {
        return await(watchAsync(pin, pull, debounce, setUp));
    }

    public CompletableFuture<WatchedInput> watchAsync(PinId pin, Pull pull, Duration debounce) {
        return watchAsync(pin, pull, debounce, w -> { });
    }

    /** {@link #watch(PinId, Pull, Duration, Consumer)}, not waiting for the reply. */
    public CompletableFuture<WatchedInput> watchAsync(PinId pin, Pull pull, Duration debounce,
                                                      Consumer<? super WatchedInput> setUp) {
        PinId checked = board.checkInput(pin, "watched", "watch a GPIO such as 14");
        if (debounce.isNegative() || debounce.compareTo(Duration.ofMillis(Protocol.DEBOUNCE_MAX_MS)) > 0) {
            throw new IllegalArgumentException("debounce must be 0 to " + Protocol.DEBOUNCE_MAX_MS + " ms: "
                    + debounce.toMillis() + " ms");
        }
        warnOfPull(checked, pull);
        WatchedInput w = new WatchedInput(unwatcher, callbacks, warnings, checked, pull, debounce);
        if (!events.add(w)) {
            throw new IllegalStateException(checked + " is already watched on " + description()
                    + ": add a listener to its WatchedInput, or unwatch it first");
        }
        try {
            setUp.accept(w);
        } catch (RuntimeException e) {
            events.remove(w);
            throw e;
        }
        boolean first = !clockSync.deviceClock().isCalibrated();
        CompletableFuture<Reply> reply = requests.send(Commands.watch(checked, pull.token(), debounce.toMillis()),
                options.requestTimeout(), (r, sent) -> {
            if (r.ok()) {
                w.activate(Commands.level(r));
            } else {
                events.remove(w);
            }
        });
        CompletableFuture<Void> calibrated = first ? clockSync.calibrate() : CompletableFuture.completedFuture(null);
        clockSync.start();
        return reply.thenCombine(calibrated, (r, c) -> w).whenComplete((r, e) -> {
            if (e != null && unwatcher.end(w)) {
                w.ended("watch failed: " + e.getMessage());
            }
        });
    }

    /** A pull this board may not honour (RP2350-E9): said once per connection. */
    private void warnOfPull(PinId pin, Pull pull) {
        board.pullCaveat(pin, pull).ifPresent(caveat -> {
            if (pullCaveatSaid.compareAndSet(false, true)) {
                warnings.warn(caveat);
            }
        });
    }

    /** The board restarted or its keepalive ran out: its watches are gone, and so is its keepalive. */
    private void boardStateLost() {
        pwms.allLow();
        clockSync.stopIfIdle();
        keepalive.arm(board);
    }

    /**
     * A {@code ! boot} (or {@code ! expired}) mid-session: restored when reconnecting; else a request
     * in flight across a restart that the board refuses fails saying so.
     */
    private boolean restarted(DeviceEvent e) {
        if (link.restarted(e)) {
            return true;
        }
        if (Events.isBoot(e)) {
            requests.boardRestarted("the board on " + description() + " restarted (" + e.encode() + ")");
        }
        return false;
    }

    /** Whether device times are being mapped: while anything is watched or streamed. */
    private boolean anyWatched() {
        return events.anyWatched() || streams.any();
    }

    /**
     * Parses a pin as a user writes it: a name from the board profile ({@code "red"}, see
     * {@link DeviceOptions#profile()}), a GPIO number ({@code "16"}, {@code "GP16"}) or
     * {@code "LED"}, and checks it against the board.
     *
     * @throws IllegalArgumentException for a name that is no pin, or a pin that is not free
     */
    public PinId parsePin(String name) {
        var profile = options.profile();
        PinId pin = PinId.parse(profile.resolvePin(name)).orElseThrow(() -> new IllegalArgumentException("\""
                + name + "\" is not a pin: use a GPIO number (16 or GP16), LED, or a name from "
                + profile.source() + " (" + profile.names() + ")"));
        try {
            return board.checkPin(pin);
        } catch (IllegalArgumentException e) {
            // a name's number came from a file the user may not be looking at: say which line
            throw profile.origin(name).map(o -> new IllegalArgumentException(name + " (" + o + "): "
                    + e.getMessage(), e)).orElse(e);
        }
    }

    /**
     * Waits for a future: parks the current picoloop task if called in one, else blocks the thread.
     * Failures are thrown as they are (DeviceException, ProtocolException, ...).
     */
    <T> T await(CompletableFuture<T> f) {
        return waiter.await(f);
    }

    /** The link is gone (reader thread, or {@link #close}): requests fail, watches end. */
    private void linkClosed(Throwable cause) {
        DeviceDisconnectedException ex = requests.linkClosed(cause);
        clockSync.stop();
        keepalive.stop();
        events.endAll(ex.getMessage());
        streams.endAll(ex.getMessage(), true);
        pwms.allLow();
        if (cause != null) {
            callbacks.dispatch(() -> lost.complete(ex));
            warnings.warn(ex.getMessage());
        }
    }

    /** The board keeps the port open but answers nothing: the link is as good as lost, and said so. */
    private void giveUp(DeviceException cause) {
        link.silent(cause);
    }

    /**
     * Switches every output off ({@link #allOff()}, the safe state), then closes the link; pending
     * requests fail with {@link DeviceDisconnectedException}. A link already lost gets no {@code off}
     * (the board's keepalive switches its outputs off). If the board does not answer the {@code off},
     * the client's warning listeners ({@link #onWarning}) are told, and the link is closed all the
     * same. To leave the outputs as they are, close with {@link #closeLeavingOutputs()}.
     */
    @Override
    public void close() {
        try {
            if (board != null && isConnected()) {
                await(send(Commands.off()));     // as allOff(), without reading the count: only the answer matters
            }
        } catch (RuntimeException e) {
            warnings.warn("could not switch the outputs off as the link closed: " + e.getMessage());
        } finally {
            closeLeavingOutputs();
        }
    }

    /**
     * Closes the link and leaves every output as it is, until the board's keepalive runs out
     * ({@link DeviceOptions#keepalive()}; never when it is off).
     */
    public void closeLeavingOutputs() {
        link.close();
        linkClosed(null);
        timer.shutdownNow();
        callbacks.shutdown();
    }

    @Override
    public String toString() {
        BridgeIdentity b = board;
        return b == null ? "Pico on " + description() : b.model() + " on " + description() + " (bridge " + b.firmwareVersion() + ")";
    }
}
