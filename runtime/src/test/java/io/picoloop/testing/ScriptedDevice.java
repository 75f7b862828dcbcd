package io.picoloop.testing;

import io.picoloop.transport.InMemoryLink;
import io.picoloop.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A device that answers with a script, on its own thread, at the far end of a real in-memory link
 * (the client's reader and writer threads run as with a serial port). For what the simulator
 * would never do: stay silent, send garbage, speak another protocol version.
 */
public final class ScriptedDevice implements AutoCloseable {

    public static final String HELLO_PICO = "ok picoloop proto=1 fw=" + io.picoloop.protocol.Protocol.BRIDGE_FIRMWARE
            + " uid=E6614103E7452D2F led=25"
            + " pins=0-22,25-28 maxline=120 model=\"Raspberry Pi Pico with RP2040\"";

    public final InMemoryLink link = new InMemoryLink("scripted device");
    public final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** The script maps each received line to the lines to send back (none: stay silent). */
    public ScriptedDevice(Function<String, List<String>> script) {
        thread = Thread.ofPlatform().daemon().name("scripted-device").start(() -> {
            byte[] buf = new byte[512];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                while (true) {
                    int n = link.deviceRead(buf, 100);
                    if (n < 0) {
                        return;
                    }
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != '\n') {
                            line.write(buf[i]);
                            continue;
                        }
                        String l = line.toString(StandardCharsets.ISO_8859_1);
                        line.reset();
                        if (l.isBlank()) {
                            continue;   // as the bridge: no reply (the host sends one before hello)
                        }
                        received.add(l);
                        for (String out : script.apply(l)) {
                            sendRaw((out + "\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Answers hello like a Pico, everything else with the script. */
    public static ScriptedDevice afterHello(Function<String, List<String>> script) {
        return afterHello(HELLO_PICO, script);
    }

    /** Answers hello with {@code hello} (another firmware, another board), everything else with the script. */
    public static ScriptedDevice afterHello(String hello, Function<String, List<String>> script) {
        return new ScriptedDevice(l -> l.endsWith(" hello") ? List.of(id(l) + " " + hello) : script.apply(l));
    }

    public static String id(String requestLine) {
        return requestLine.substring(0, requestLine.indexOf(' '));
    }

    public Transport transport() {
        return link.hostTransport();
    }

    public void sendRaw(byte[] bytes) {
        link.deviceWrite(bytes);
    }

    @Override
    public void close() {
        link.disconnect();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
