package io.picoloop.sim;

import io.picoloop.transport.InMemoryLink;
import io.picoloop.transport.Transport;
import java.nio.charset.StandardCharsets;

/** The board's end of the USB cable (the firmware's bridge_usb.UsbLink). */
final class UsbLink {

    private final InMemoryLink link;

    UsbLink(String description) {
        this.link = new InMemoryLink(description);
    }

    Transport hostTransport() {
        return link.hostTransport();
    }

    /** What the host sent, up to {@code buf.length} bytes; 0 after the timeout, -1 once unplugged. */
    int read(byte[] buf, long timeoutMillis) throws InterruptedException {
        return link.deviceRead(buf, timeoutMillis);
    }

    /** One whole line at a time, so an event never lands inside a reply. */
    synchronized void writeLine(String line) {
        link.deviceWrite((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes that are not protocol lines (the REPL's). */
    synchronized void writeRaw(byte[] bytes) {
        link.deviceWrite(bytes);
    }

    void disconnect() {
        link.disconnect();
    }
}
