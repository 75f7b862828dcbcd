package io.picoloop.pi4j;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceErrorException;
import io.picoloop.device.DeviceException;
import io.picoloop.device.DeviceTimeoutException;
import io.picoloop.device.AnalogStream;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.device.Pull;
import io.picoloop.device.PwmPin;
import io.picoloop.device.WatchedInput;
import io.picoloop.protocol.AdcInput;
import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.transport.TransportException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PicoPort} over picoloop's device client: a real board on a serial port, or the simulated
 * board in this process. It goes through the device API only ({@link Pico}, {@link OutputPin},
 * {@link WatchedInput}, {@link PwmPin}, {@code AnalogInput}), never the wire: an output is made at its initial level in one request
 * ({@link Pico#output(PinId, boolean)}).
 *
 * <p>Blocking like the device client: inside a picoloop task a call parks the task (a Pi4J output
 * toggled from a task does not stall the loop), elsewhere it blocks the calling thread.
 */
final class DevicePicoPort implements PicoPort {

    private final Pico pico;
    private final SimulatedPico simulator;
    /** False for a board its caller opened and closes ({@link #over}): closing the port leaves it open. */
    private final boolean owned;
    /** The outputs made by {@link #modeOut}, by pin (Pi4J's calls come from any thread). */
    private final Map<PinId, OutputPin> outputs = new ConcurrentHashMap<>();
    /** The PWM outputs made by {@link #pwm}, by pin. */
    private final Map<PinId, PwmPin> pwms = new ConcurrentHashMap<>();

    private DevicePicoPort(Pico pico, SimulatedPico simulator) {
        this(pico, simulator, true);
    }

    private DevicePicoPort(Pico pico, SimulatedPico simulator, boolean owned) {
        this.pico = pico;
        this.simulator = simulator;
        this.owned = owned;
    }

    /**
     * A board already open (a program on {@code Picoloop.run}): Pi4J's shutdown applies the
     * outputs' shutdown states, and the board's owner switches everything off and closes it.
     */
    static DevicePicoPort over(Pico pico) {
        return new DevicePicoPort(pico, null, false);
    }

    /** Opens the board of {@code source} and does the handshake. */
    static DevicePicoPort open(PicoSource source) {
        if (source.isSimulated()) {
            SimulatedPico sim = SimulatedPico.start(SimulatedPico.modelNamed(source.board()));
            try {
                return new DevicePicoPort(Pico.connect(sim.transport()), sim);
            } catch (RuntimeException e) {
                sim.close();
                throw e;
            }
        }
        return new DevicePicoPort(Pico.connect(io.picoloop.transport.SerialTransport.open(source.port())), null);
    }

    /** The simulated board behind this port, or null for a real one. */
    SimulatedPico simulator() {
        return simulator;
    }

    @Override
    public String description() {
        return pico.description();
    }

    @Override
    public String model() {
        return pico.identity().model();
    }

    @Override
    public Set<Integer> freePins() {
        return pico.identity().freePins();
    }

    @Override
    public boolean ledIsSeparate() {
        return pico.identity().ledIsSeparate();
    }

    @Override
    public void modeOut(PinId pin, int level) {
        OutputPin out = translate(() -> pico.output(pin, level == 1));
        outputs.put(pin, out);
        pwms.remove(pin);
    }

    @Override
    public void write(PinId pin, int level) {
        OutputPin out = output(pin);
        translate(() -> {
            out.set(level == 1);
            return null;
        });
    }

    @Override
    public int toggle(PinId pin) {
        OutputPin out = output(pin);
        return translate(out::toggle) ? 1 : 0;
    }

    @Override
    public int read(PinId pin) {
        OutputPin out = output(pin);
        return translate(out::read) ? 1 : 0;
    }

    @Override
    public Watch watch(PinId pin, Pull pull, int debounceMs, java.util.function.IntConsumer onLevel) {
        WatchedInput w = translate(() -> pico.watch(pin, pull, java.time.Duration.ofMillis(debounceMs)));
        outputs.remove(pin);
        pwms.remove(pin);
        w.addListener(edge -> onLevel.accept(edge.levelBit()));
        // after addListener: an edge that came before it is in level(), a later one reaches onLevel
        int initial = w.level() ? 1 : 0;
        return Watch.of(initial, w::close);
    }

    @Override
    public void pwm(PinId pin, int frequencyHz, double duty) {
        translate(() -> {
            PwmPin p = pwms.get(pin);
            if (p == null) {
                p = pico.pwm(pin, frequencyHz);  // at duty 0: the pin never shows another duty first
                pwms.put(pin, p);
                outputs.remove(pin);
            } else if (p.frequencyHz() != frequencyHz) {
                p.frequency(frequencyHz);
            }
            p.duty(duty);
            return null;
        });
    }

    @Override
    public void pwmOff(PinId pin) {
        PwmPin p = pwms.get(pin);
        if (p != null) {
            translate(() -> {
                p.off();
                return null;
            });
        }
    }

    @Override
    public int readAnalog(AdcInput input) {
        return translate(() -> pico.analog(input).read().value());
    }

    @Override
    public AutoCloseable streamAnalog(AdcInput input, int periodMs, java.util.concurrent.Executor executor,
                                      java.util.function.IntConsumer onValue) {
        AnalogStream s = translate(() -> pico.analog(input).stream(java.time.Duration.ofMillis(periodMs)));
        s.addListener(executor, r -> onValue.accept(r.value()));
        return s;
    }

    /** The output {@link #modeOut} made of {@code pin}. */
    private OutputPin output(PinId pin) {
        OutputPin out = outputs.get(pin);
        if (out == null) {
            throw new Failure(Failure.Kind.MODE, pin + " on " + pico.description() + " is not set up as an output");
        }
        return out;
    }

    @Override
    public boolean isOpen() {
        return pico.isConnected();
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            pico.close();       // outputs off first
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** Runs a device call, turning the device client's exceptions into {@link Failure}s. */
    private <T> T translate(java.util.function.Supplier<T> deviceCall) {
        try {
            return deviceCall.get();
        } catch (DeviceErrorException e) {
            Failure.Kind kind = switch (e.code()) {
                case Commands.ERR_PIN -> Failure.Kind.PIN;
                case Commands.ERR_MODE -> Failure.Kind.MODE;
                default -> Failure.Kind.DEVICE;
            };
            throw new Failure(kind, e.getMessage(), e);
        } catch (DeviceDisconnectedException | DeviceTimeoutException | TransportException e) {
            throw new Failure(Failure.Kind.LINK, e.getMessage(), e);
        } catch (DeviceException e) {
            throw new Failure(pico.isConnected() ? Failure.Kind.DEVICE : Failure.Kind.LINK, e.getMessage(), e);
        } catch (ProtocolException e) {
            throw new Failure(Failure.Kind.DEVICE, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // the device client's range checks (frequency, duty, ADC input), before anything is sent
            throw new Failure(Failure.Kind.RANGE, e.getMessage(), e);
        }
    }
}
