package io.picoloop.device;

import io.picoloop.config.BoardProfile;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import io.picoloop.transport.SerialTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Boards on serial ports, for a program that drives one or several: each {@link Pico} has its own
 * link and reconnects by itself ({@link Reconnect#serial}); all of them may serve one event loop.
 * A board is named by its port or by its unique id (the {@code uid} of its {@code hello}, which
 * MicroPython also gives as the USB serial number), whatever port it has today.
 */
public final class Boards {

    private Boards() {
    }

    /** The board on {@code port}: opened, greeted, and waited for when it goes away or restarts. */
    public static Pico open(String port, DeviceOptions options) {
        return open(port, options, reconnect(options));
    }

    /** {@link #open(String, DeviceOptions)} with another reconnect policy (e.g. a shorter limit, or off). */
    public static Pico open(String port, DeviceOptions options, Reconnect reconnect) {
        return Pico.connect(SerialTransport.open(port, options.profile().baud()), options, reconnect);
    }

    /** The default: {@link Reconnect#serial} at the profile's baud rate and USB vendor id. */
    public static Reconnect reconnect(DeviceOptions options) {
        BoardProfile profile = options.profile();
        return Reconnect.serial(profile.baud(), profile.usbVendorId());
    }

    /**
     * The board whose unique id is {@code uid} (hex, any case), among the ports that could be a Pico.
     *
     * @throws DeviceException naming the boards found (and the ports that did not answer) when none has it
     */
    public static Pico openByUid(String uid, DeviceOptions options) {
        return openByUid(PortScanner.allPorts(), uid, options, reconnect(options));
    }

    /** {@link #openByUid(String, DeviceOptions)} among the given ports. */
    public static Pico openByUid(List<PortInfo> ports, String uid, DeviceOptions options, Reconnect reconnect) {
        List<String> notIt = new ArrayList<>();
        Pico chosen = null;
        for (Pico b : openAll(ports, options, reconnect, notIt)) {
            if (chosen == null && b.identity().uid().equalsIgnoreCase(uid)) {
                chosen = b;
            } else {
                notIt.add(0, b.description() + " uid " + b.identity().uid());
                b.close();
            }
        }
        if (chosen == null) {
            throw new DeviceException("no board with uid " + uid + " answered" + (notIt.isEmpty()
                    ? " (no picoloop bridge found on USB)"
                    : "; found:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", notIt)));
        }
        return chosen;
    }

    /** Every board where the bridge answers, each on its own link. */
    public static List<Pico> openAll(DeviceOptions options) {
        return openAll(PortScanner.allPorts(), options, reconnect(options), new ArrayList<>());
    }

    /**
     * Every board where the bridge answers among {@code ports} that could be a Pico
     * ({@link PortScanner#candidates}: MicroPython's own USB id first, a Debug Probe never); a
     * {@code "path (ids): reason"} in {@code failures} for each that did not.
     */
    public static List<Pico> openAll(List<PortInfo> ports, DeviceOptions options, Reconnect reconnect,
                                     List<String> failures) {
        Candidates candidates = PortScanner.candidates(ports, options.profile().usbVendorId());
        List<PortInfo> tried = new ArrayList<>(candidates.first());
        tried.addAll(candidates.then());
        List<Pico> bridges = new ArrayList<>();
        for (PortInfo p : tried) {
            try {
                bridges.add(open(p.path(), options, reconnect));
            } catch (RuntimeException e) {
                failures.add(p.path() + " (" + p.usbIds() + "): " + e.getMessage());
            }
        }
        return bridges;
    }
}
