package io.picoloop.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists serial ports, and what a Raspberry Pi USB device's (vendor id 0x2E8A) product id says it
 * is: MicroPython enumerates as 2E8A:0005, the Debug Probe and pico-sdk programs have ids of their
 * own ({@link DeviceKind}). Only the {@code hello} handshake, not the USB id, proves the bridge runs.
 */
public final class PortScanner {

    public static final int RASPBERRY_PI_VID = 0x2E8A;
    /** MicroPython's product id under Raspberry Pi's vendor id (RP2040 and RP2350 builds alike). */
    public static final int MICROPYTHON_PID = 0x0005;

    /** What a port's USB ids say about the device, for choosing a port when none is named. */
    public enum DeviceKind {
        /** 2E8A:0005, MicroPython: where the bridge is looked for first. */
        MICROPYTHON(null),
        /**
         * 2E8A:000C (Raspberry Pi Debug Probe) or 2E8A:0004 (picoprobe): its serial port is the
         * UART of whatever board it is wired to, so it is never sent a handshake.
         */
        DEBUG_PROBE("a Debug Probe, not a Pico running MicroPython"),
        /** 2E8A:000A (RP2040) or 2E8A:0009 (RP2350): pico-sdk's USB serial, a C/C++ program's stdin. */
        SDK_PROGRAM("a Pico running a C/C++ program (pico-sdk USB serial), not MicroPython"),
        /** Another Raspberry Pi product id: perhaps a board maker's own MicroPython build. */
        OTHER_RASPBERRY_PI(null),
        /** Not a Raspberry Pi USB device (or no USB ids at all). */
        NOT_RASPBERRY_PI(null);

        private final String notMicroPython;

        DeviceKind(String notMicroPython) {
            this.notMicroPython = notMicroPython;
        }

        static DeviceKind of(int vendorId, int productId) {
            if (vendorId != RASPBERRY_PI_VID) {
                return NOT_RASPBERRY_PI;
            }
            return switch (productId) {
                case MICROPYTHON_PID -> MICROPYTHON;
                case 0x0004, 0x000C -> DEBUG_PROBE;
                case 0x0009, 0x000A -> SDK_PROGRAM;
                default -> OTHER_RASPBERRY_PI;
            };
        }

        /** Known by its id not to run MicroPython, hence not the bridge: never sent {@code hello} unasked. */
        public boolean knownNotMicroPython() {
            return notMicroPython != null;
        }

        /** "a Debug Probe, not a Pico running MicroPython"; empty unless {@link #knownNotMicroPython()}. */
        public String whatItIs() {
            return notMicroPython == null ? "" : notMicroPython;
        }
    }

    /**
     * A port found.
     *
     * @param path        the device path, e.g. /dev/ttyACM0 (on Windows the port name, COM3)
     * @param description the USB product description, e.g. "Board in FS mode"
     * @param vendorId    USB vendor id
     * @param productId   USB product id
     * @param serial      the USB serial number (on a Pico: its unique id)
     */
    public record PortInfo(String path, String description, int vendorId, int productId, String serial) {

        /**
         * Whether the port has USB ids: jSerialComm gives -1 for a port that is not a USB device
         * (a built-in UART such as /dev/ttyS0, a pseudo-terminal).
         */
        public boolean hasUsbIds() {
            return vendorId >= 0 && productId >= 0;
        }

        public DeviceKind kind() {
            return DeviceKind.of(vendorId, productId);
        }

        /** "2E8A:0005", or "no USB ids". */
        public String usbIds() {
            return hasUsbIds() ? String.format("%04X:%04X", vendorId, productId) : "no USB ids";
        }

        /**
         * {@code /dev/ttyACM0  2E8A:0005  Board in FS mode  serial E6614103E7...}; the ids and the
         * serial number only when known (jSerialComm says "Unknown" for a port without one).
         */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(path);
            if (hasUsbIds()) {
                s.append("  ").append(usbIds());
            }
            if (known(description)) {
                s.append("  ").append(description);
            }
            if (known(serial)) {
                s.append("  serial ").append(serial);
            }
            return s.toString();
        }

        private static boolean known(String text) {
            return text != null && !text.isBlank() && !text.equals("Unknown");
        }
    }

    /**
     * The ports to try for a board when none is named, in order: {@code first} those with
     * MicroPython's id, {@code then} (only if none of those has the bridge) the other ports with
     * the vendor id, and {@code notTried} those whose id says they are no Pico running MicroPython
     * (a Debug Probe: a handshake would go down another board's UART).
     */
    public record Candidates(List<PortInfo> first, List<PortInfo> then, List<PortInfo> notTried) {

        public int tried() {
            return first.size() + then.size();
        }
    }

    private PortScanner() {
    }

    /**
     * Sorts the ports with {@code vendorId} into {@link Candidates}. With a vendor id other than
     * Raspberry Pi's (a board profile's {@code serial.usb-vid}) the product ids mean nothing here:
     * all of its ports come first.
     */
    public static Candidates candidates(List<PortInfo> all, int vendorId) {
        List<PortInfo> first = new ArrayList<>();
        List<PortInfo> then = new ArrayList<>();
        List<PortInfo> notTried = new ArrayList<>();
        for (PortInfo p : all) {
            if (p.vendorId() != vendorId) {
                continue;
            }
            DeviceKind kind = vendorId == RASPBERRY_PI_VID ? p.kind() : DeviceKind.MICROPYTHON;
            (kind == DeviceKind.MICROPYTHON ? first : kind.knownNotMicroPython() ? notTried : then).add(p);
        }
        return new Candidates(List.copyOf(first), List.copyOf(then), List.copyOf(notTried));
    }

    /** Ports with a Raspberry Pi USB vendor id, sorted by path. */
    public static List<PortInfo> raspberryPiPorts() {
        return allPorts().stream().filter(p -> p.vendorId() == RASPBERRY_PI_VID).toList();
    }

    /**
     * Every serial port the system lists, sorted by path, each once (on macOS the call-out
     * {@code /dev/cu.*} device, not also its dial-in {@code /dev/tty.*} twin).
     *
     * @throws SerialLibraryException when jSerialComm's native library cannot be loaded
     */
    public static List<PortInfo> allPorts() {
        HostOs os = HostOs.CURRENT;
        List<PortInfo> out = new ArrayList<>();
        for (SerialPort p : SerialLibraryException.guard(SerialPort::getCommPorts)) {
            out.add(new PortInfo(listedName(p.getSystemPortPath(), os), p.getPortDescription(), p.getVendorID(),
                    p.getProductID(), p.getSerialNumber()));
        }
        out.sort(Comparator.comparing(PortInfo::path));
        return withoutDialInTwins(out);
    }

    /**
     * The name a port is shown and opened by: its path, except on Windows, where jSerialComm's
     * path is {@code \\.\COM3} and the port's name, which users know and jSerialComm accepts, is
     * {@code COM3}.
     */
    static String listedName(String systemPortPath, HostOs os) {
        return os == HostOs.WINDOWS ? systemPortPath.substring(systemPortPath.lastIndexOf('\\') + 1) : systemPortPath;
    }

    /**
     * Without a {@code /dev/tty.X} whose {@code /dev/cu.X} is listed too: jSerialComm lists both of
     * a macOS serial device, with the same USB ids. The call-out device ({@code cu.}) is the one
     * meant for opening a connection to a device, so it stays.
     */
    static List<PortInfo> withoutDialInTwins(List<PortInfo> ports) {
        Set<String> paths = ports.stream().map(PortInfo::path).collect(Collectors.toSet());
        return ports.stream()
                .filter(p -> !(p.path().startsWith("/dev/tty.")
                        && paths.contains("/dev/cu." + p.path().substring("/dev/tty.".length()))))
                .toList();
    }
}
