package io.picoloop.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the serial ports of Raspberry Pi USB devices (vendor id 0x2E8A). That a port is listed
 * says only that it is a Raspberry Pi board: MicroPython itself enumerates as 2E8A:0005; the
 * {@code hello} handshake, not the USB id, proves the bridge runs.
 */
public final class PortScanner {

    public static final int RASPBERRY_PI_VID = 0x2E8A;

    /**
     * A port found.
     *
     * @param path        the device path, e.g. /dev/ttyACM0
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

        /**
         * {@code /dev/ttyACM0  2E8A:0005  Board in FS mode  serial E6614103E7...}; the ids and the
         * serial number only when known (jSerialComm says "Unknown" for a port without one).
         */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(path);
            if (hasUsbIds()) {
                s.append(String.format("  %04X:%04X", vendorId, productId));
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

    private PortScanner() {
    }

    /** Ports with a Raspberry Pi USB vendor id, sorted by path. */
    public static List<PortInfo> raspberryPiPorts() {
        return allPorts().stream().filter(p -> p.vendorId() == RASPBERRY_PI_VID).toList();
    }

    /** Every serial port the system lists, sorted by path. */
    public static List<PortInfo> allPorts() {
        List<PortInfo> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            out.add(new PortInfo(p.getSystemPortPath(), p.getPortDescription(), p.getVendorID(),
                    p.getProductID(), p.getSerialNumber()));
        }
        out.sort(Comparator.comparing(PortInfo::path));
        return out;
    }
}
