package io.picoloop.cli;

import io.picoloop.config.BoardProfile;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.device.Reconnect;
import io.picoloop.device.Boards;
import io.picoloop.device.DeviceException;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the board. A Raspberry Pi USB id only says "a Pico is here" (MicroPython itself
 * enumerates as 2E8A:0005), so each candidate port gets the handshake, and only a port where
 * the bridge answers is used. Ports with MicroPython's id are tried first, other Raspberry Pi ports
 * only when none of those has the bridge, and a port whose id says it is no Pico running
 * MicroPython (a Debug Probe) never: {@link PortScanner#candidates}.
 */
final class PortChooser {

    private PortChooser() {
    }

    /**
     * The port the user named: open it and shake hands, or fail with the reason. When the board
     * goes away or restarts, the client waits for it ({@link Reconnect#serial}: this port first,
     * then every port that could be a Pico).
     */
    static Pico connect(String port, DeviceOptions options) {
        return Boards.open(port, options);
    }

    /**
     * {@link #connect(String, DeviceOptions)} with a reconnect policy, refusing a board whose unique
     * id is not {@code uid} (null: any).
     */
    static Pico connect(String port, DeviceOptions options, String uid, Reconnect reconnect) {
        Pico pico = Boards.open(port, options, reconnect);
        if (uid != null && !pico.identity().uid().equalsIgnoreCase(uid)) {
            String other = pico.identity().uid();
            pico.close();
            throw new CliFailure(ExitCode.BOARD, "the board on " + port + " has uid " + other
                    + ", not " + uid + ": leave out --port to find the board by its uid, or fix --uid");
        }
        return pico;
    }

    /** Among the ports with the profile's USB vendor id, the one where the bridge answers. */
    static Pico connectAuto(DeviceOptions options, Reconnect reconnect, PrintWriter err) {
        return connectAuto(PortScanner.allPorts(), options, reconnect, err);
    }

    /** Among the ports that could be a Pico, the one whose bridge says unique id {@code uid}. */
    static Pico connectByUid(String uid, DeviceOptions options, Reconnect reconnect, PrintWriter err) {
        return connectByUid(PortScanner.allPorts(), uid, options, reconnect, err);
    }

    /** The same, among the given ports (tests). */
    static Pico connectByUid(List<PortInfo> all, String uid, DeviceOptions options, Reconnect reconnect,
                             PrintWriter err) {
        try {
            return using(Boards.openByUid(all, uid, options, reconnect), err);
        } catch (DeviceException e) {
            throw new CliFailure(ExitCode.BOARD, e.getMessage() + System.lineSeparator()
                    + "`picoloop boards` lists the boards and their ids.");
        }
    }

    /** The same, among the given ports (tests pass pseudo-terminals dressed as Picos). */
    static Pico connectAuto(List<PortInfo> all, DeviceOptions options, PrintWriter err) {
        return connectAuto(all, options, Boards.reconnect(options), err);
    }

    /** The same, with a reconnect policy. */
    static Pico connectAuto(List<PortInfo> all, DeviceOptions options, Reconnect reconnect, PrintWriter err) {
        BoardProfile profile = options.profile();
        Candidates candidates = PortScanner.candidates(all, profile.usbVendorId());
        if (candidates.tried() == 0 && candidates.notTried().isEmpty()) {
            throw new CliFailure(ExitCode.PORT, String.format(
                    "no Raspberry Pi Pico found on USB (looked for vendor id %04X among %d serial port%s): "
                            + "plug it in, name the port with --port, or try the simulated board with --sim",
                    profile.usbVendorId(), all.size(), all.size() == 1 ? "" : "s"));
        }
        if (candidates.tried() == 0) {
            throw new CliFailure(ExitCode.PORT, "no Pico running MicroPython found on USB: "
                    + String.join("; ", candidates.notTried().stream().map(p -> p.path() + " (" + p.usbIds() + ") is "
                            + p.kind().whatItIs()).toList())
                    + ": plug the Pico in, name its port with --port, or try the simulated board with --sim");
        }
        if (candidates.tried() == 1) {
            // the usual case: its own one-line failure (silent port, REPL, busy) names the port and the fix
            PortInfo port = candidates.first().isEmpty() ? candidates.then().getFirst() : candidates.first().getFirst();
            return using(Boards.open(port.path(), options, reconnect), err);
        }
        List<String> failures = new ArrayList<>();
        List<Pico> bridges = tryEach(candidates.first(), options, reconnect, failures);
        if (bridges.isEmpty()) {
            bridges = tryEach(candidates.then(), options, reconnect, failures);
        }
        if (bridges.size() == 1) {
            return using(bridges.getFirst(), err);
        }
        if (bridges.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (Pico b : bridges) {
                list.append(System.lineSeparator()).append("  ").append(b.description())
                        .append("  ").append(b.identity().model()).append("  uid ").append(b.identity().uid());
                b.closeLeavingOutputs();     // only asked who it is: its outputs are none of this command's business
            }
            throw new CliFailure(ExitCode.USAGE,
                    "several boards run the picoloop bridge; choose one with --port or --uid:" + list);
        }
        for (PortInfo p : candidates.notTried()) {
            failures.add(p.path() + " (" + p.usbIds() + "): not tried, " + p.kind().whatItIs());
        }
        throw new CliFailure(ExitCode.BOARD, "found " + failures.size()
                + " Raspberry Pi USB ports but no picoloop bridge answered:"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", failures)
                + System.lineSeparator() + "Put the bridge on the board with `picoloop install --port PORT` (README: \"Put the bridge"
                + " firmware on a Pico\") or name another port with --port.");
    }

    /** Shakes hands on each port; the bridges that answered, and a "path (ids): reason" per port that did not. */
    private static List<Pico> tryEach(List<PortInfo> ports, DeviceOptions options, Reconnect reconnect,
                                      List<String> failures) {
        return Boards.openAll(ports, options, reconnect, failures);
    }

    /** Says once which board the command talks to: model, port, bridge version and id. */
    static Pico using(Pico pico, PrintWriter err) {
        String uid = pico.identity().uid();
        err.println("picoloop: using " + pico.identity().model() + " on " + pico.description() + " (bridge "
                + pico.identity().firmwareVersion() + (uid.isEmpty() ? "" : ", id " + uid) + ")");
        err.flush();
        return pico;
    }
}
