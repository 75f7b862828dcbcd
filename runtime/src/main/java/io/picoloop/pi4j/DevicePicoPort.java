package io.picoloop.pi4j;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceErrorException;
import io.picoloop.device.DeviceException;
import io.picoloop.device.DeviceTimeoutException;
import io.picoloop.device.Pico;
import io.picoloop.device.WatchedInput;
import io.picoloop.loop.Async;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.Reply;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.transport.TransportException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link PicoPort} over picoloop's device client: a real board on a serial port, or the simulated
 * board in this process. Requests go through {@link Pico#send}, so an output is made at its
 * initial level in one {@code mode <pin> out <level>} request.
 *
 * <p>Blocking like the device client: inside a picoloop task a call parks the task (a Pi4J output
 * toggled from a task does not stall the loop), elsewhere it blocks the calling thread.
 */
final class DevicePicoPort implements PicoPort {

    private final Pico pico;
    private final SimulatedPico simulator;

    private DevicePicoPort(Pico pico, SimulatedPico simulator) {
        this.pico = pico;
        this.simulator = simulator;
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
        call("mode", pin.token(), "out", Integer.toString(level));
    }

    @Override
    public void write(PinId pin, int level) {
        call("write", pin.token(), Integer.toString(level));
    }

    @Override
    public int toggle(PinId pin) {
        return level(call("toggle", pin.token()));
    }

    @Override
    public int read(PinId pin) {
        return level(call("read", pin.token()));
    }

    @Override
    public Watch watch(PinId pin, Pull pull, int debounceMs, java.util.function.IntConsumer onLevel) {
        io.picoloop.device.Pull devicePull = switch (pull) {
            case UP -> io.picoloop.device.Pull.UP;
            case DOWN -> io.picoloop.device.Pull.DOWN;
            case NONE -> io.picoloop.device.Pull.NONE;
        };
        WatchedInput w = translate(() -> await(pico.watchAsync(pin, devicePull,
                java.time.Duration.ofMillis(debounceMs))));
        w.addListener(edge -> onLevel.accept(edge.levelBit()));
        // after addListener: an edge that came before it is in level(), a later one reaches onLevel
        int initial = w.level() ? 1 : 0;
        return Watch.of(initial, w::close);
    }

    @Override
    public boolean isOpen() {
        return pico.isConnected();
    }

    @Override
    public void close() {
        try {
            pico.close();       // outputs off first
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private static int level(Reply r) {
        long v = r.longValue(0);
        if (v != 0 && v != 1) {
            throw new Failure(Failure.Kind.DEVICE, "expected a level 0 or 1, the board sent " + r.encode());
        }
        return (int) v;
    }

    private Reply call(String command, String... args) {
        return translate(() -> await(pico.send(command, args)));
    }

    /** Runs a device call, turning the device client's exceptions into {@link Failure}s. */
    private <T> T translate(java.util.function.Supplier<T> deviceCall) {
        try {
            return deviceCall.get();
        } catch (DeviceErrorException e) {
            Failure.Kind kind = switch (e.code()) {
                case "pin" -> Failure.Kind.PIN;
                case "mode" -> Failure.Kind.MODE;
                default -> Failure.Kind.DEVICE;
            };
            throw new Failure(kind, e.getMessage(), e);
        } catch (DeviceDisconnectedException | DeviceTimeoutException | TransportException e) {
            throw new Failure(Failure.Kind.LINK, e.getMessage(), e);
        } catch (DeviceException e) {
            throw new Failure(pico.isConnected() ? Failure.Kind.DEVICE : Failure.Kind.LINK, e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> f) {
        if (Async.inTask()) {
            return Async.await(f);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DeviceException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.LINK, "interrupted while waiting for " + "the board", e);
        }
    }
}
