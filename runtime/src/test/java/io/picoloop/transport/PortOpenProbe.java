package io.picoloop.transport;

/** Run in a child JVM (as another user) by the permission test: prints how opening a port went. */
public final class PortOpenProbe {

    private PortOpenProbe() {
    }

    public static void main(String[] args) {
        try (SerialTransport t = SerialTransport.open(args[0])) {
            System.out.println("OPENED " + t.description());
        } catch (PortException e) {
            System.out.println("KIND " + e.kind() + " " + e.getMessage());
        }
    }
}
