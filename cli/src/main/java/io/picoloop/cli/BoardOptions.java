package io.picoloop.cli;

import io.picoloop.config.BoardProfile;
import io.picoloop.config.BoardProfileLoader;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Boards;
import io.picoloop.device.Pico;
import io.picoloop.device.Reconnect;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.transport.PortScanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every board command takes: which board, over which port, with which profile. */
final class BoardOptions {

    @Option(names = "--sim", description = "Use the built-in simulated Pico instead of a board.")
    boolean sim;

    @Option(names = "--board", paramLabel = "pico|picow",
            description = "The board the simulator models (default: the profile's, pico).")
    String simBoard;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The serial port, e.g. /dev/ttyACM0 or COM3. Default: the one Raspberry Pi "
                    + "USB port (vendor id 2E8A) where the bridge answers.")
    String port;

    @Option(names = "--uid", paramLabel = "ID",
            description = "The board with this unique id (hex, as `picoloop boards` and `picoloop ports` show it), "
                    + "on whatever port it is: for a room of boards on one computer.")
    String uid;

    @Option(names = "--wait-for-board", paramLabel = "TIME", converter = DurationConverter.class,
            description = "When the board goes away (unplugged, reset), wait this long for the same board to come "
                    + "back, then carry on where it was (its pins set up again); meanwhile its requests wait. "
                    + "0 ends the command at once. Default: 60s.")
    Duration waitForBoard;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A board profile (named pins, serial settings); see config/board.properties.")
    Path config;

    @Option(names = "--keepalive", paramLabel = "TIME", converter = DurationConverter.Keepalive.class,
            description = "If picoloop stops talking to the board (killed, crashed, the Pi hangs), the board "
                    + "switches its outputs off after this long: " + DurationConverter.Keepalive.RANGE
                    + ", e.g. 500ms or 10s. Default: 3s.")
    Duration keepalive;

    BoardProfile profile() {
        return config == null ? BoardProfileLoader.defaults() : BoardProfileLoader.load(config);
    }

    /** Connects to the simulated board or a real one, as the options say; a real one is named on {@code err}. */
    ConnectedBoard connect(PrintWriter err) {
        return connect(deviceOptions(), err);     // its warnings go to stderr through the BoardSession
    }

    private DeviceOptions deviceOptions() {
        DeviceOptions options = DeviceOptions.defaults().withProfile(profile());
        if (keepalive != null) {
            options = options.withKeepalive(keepalive);     // in range: the converter checked
        }
        return options;
    }

    /** How the board is waited for when it goes away: {@link Boards#reconnect} with {@code --wait-for-board}. */
    private Reconnect reconnect(DeviceOptions options) {
        Reconnect reconnect = Boards.reconnect(options);
        return waitForBoard == null ? reconnect : reconnect.withLimit(waitForBoard);
    }

    /**
     * Every board where the bridge answers ({@code --all}), each on its own link and waited for on
     * its own; refused with {@code --sim}, {@code --port} or {@code --uid}, which name one board.
     */
    List<ConnectedBoard> connectAll(PrintWriter err) {
        if (sim || port != null || uid != null) {
            throw new CliFailure(ExitCode.USAGE, "--all takes every board on USB: drop "
                    + (sim ? "--sim" : port != null ? "--port" : "--uid"));
        }
        DeviceOptions options = deviceOptions();
        List<String> failures = new ArrayList<>();
        List<Pico> picos = Boards.openAll(PortScanner.allPorts(), options, reconnect(options), failures);
        if (picos.isEmpty()) {
            throw new CliFailure(ExitCode.BOARD, "--all: no board with the picoloop bridge answered"
                    + (failures.isEmpty() ? " (no Raspberry Pi Pico found on USB)" : ":" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", failures)));
        }
        List<ConnectedBoard> boards = new ArrayList<>();
        for (Pico p : picos) {
            err.println("picoloop: using " + p + ", uid " + p.identity().uid());
            boards.add(new ConnectedBoard(p, Optional.empty()));
        }
        err.flush();
        return boards;
    }

    private ConnectedBoard connect(DeviceOptions options, PrintWriter err) {
        if (sim) {
            if (port != null || uid != null) {
                throw new CliFailure(ExitCode.USAGE, "--sim and --" + (port != null ? "port" : "uid")
                        + " exclude each other: drop one");
            }
            SimulatedPico simulator = SimulatedPico.start(SimulatedPico.modelNamed(
                    simBoard != null ? simBoard : options.profile().board()));
            try {
                return new ConnectedBoard(Pico.connect(simulator.transport(), options), Optional.of(simulator));
            } catch (RuntimeException e) {
                simulator.close();
                throw e;
            }
        }
        if (simBoard != null) {
            throw new CliFailure(ExitCode.USAGE, "--board picks the simulated board; add --sim, "
                    + "or leave it out: a real board tells its model in the handshake");
        }
        Reconnect reconnect = reconnect(options);
        Pico pico = port != null ? PortChooser.using(PortChooser.connect(port, options, uid, reconnect), err)
                : uid != null ? PortChooser.connectByUid(uid, options, reconnect, err)
                : PortChooser.connectAuto(options, reconnect, err);
        return new ConnectedBoard(pico, Optional.empty());
    }
}
