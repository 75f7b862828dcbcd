package io.picoloop.protocol;

import java.util.Map;
import java.util.Set;

/**
 * The catalogue's reading of the {@code hello} reply:
 * {@code ok picoloop proto=<n> fw=<version> uid=<hex> led=<25|LED> pins=<ranges> maxline=<n> micropython=<x.y.z> model="<board>"}
 * (docs/protocol.md). The host refuses another protocol version here, naming the side to update.
 *
 * @param firmware the bridge firmware's version ({@code fw=})
 * @param uid      the board's unique id, hex ({@code uid=}); empty when the bridge did not say
 * @param model    {@code model=}, {@code ?} when the bridge did not say
 * @param led      how the board names its LED ({@code led=})
 * @param freePins the free GPIO ({@code pins=})
 * @param maxLine  the longest request line the bridge reads ({@code maxline=}; {@link Protocol#MAX_REQUEST_BYTES} when absent)
 * @param all      every key=value of the reply, including ones this host does not know
 */
public record HelloReply(String firmware, String uid, String model, String led, Set<Integer> freePins, int maxLine,
                         Map<String, String> all) {

    /** The key of the MicroPython version the bridge runs on (firmware 0.6.0), read from {@link #all}. */
    public static final String MICROPYTHON = "micropython";

    /**
     * Reads a {@code hello} reply from the board on {@code port}.
     *
     * @throws ProtocolVersionException when the bridge speaks another protocol version (the message
     *                                  says which side to update)
     * @throws ProtocolException        when the reply is not a picoloop bridge's
     */
    public static HelloReply decode(Reply reply, String port) {
        if (reply.values().isEmpty() || !reply.values().getFirst().equals("picoloop")) {
            throw new ProtocolException("the device on " + port + " answered hello with \""
                    + LineCodec.describe(reply.encode()) + "\": not the picoloop bridge;"
                    + " " + Protocol.INSTALL_FIX);
        }
        Map<String, String> kv = reply.keyValues();
        String proto = kv.get("proto");
        if (!String.valueOf(Protocol.VERSION).equals(proto)) {
            String fix;
            try {
                fix = Integer.parseInt(String.valueOf(proto)) > Protocol.VERSION
                        ? "update picoloop on this computer (the bridge firmware is newer)"
                        : "update the bridge firmware: " + Protocol.INSTALL_FIX;
            } catch (NumberFormatException e) {
                fix = "update the bridge firmware: " + Protocol.INSTALL_FIX;
            }
            throw new ProtocolVersionException(String.valueOf(proto), "the bridge on " + port
                    + " speaks protocol " + proto + ", this picoloop speaks protocol " + Protocol.VERSION
                    + ": " + fix);
        }
        Set<Integer> pins;
        int maxLine;
        try {
            pins = PinSet.parse(require(kv, "pins", reply));
            maxLine = Integer.parseInt(kv.getOrDefault("maxline", String.valueOf(Protocol.MAX_REQUEST_BYTES)));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad hello reply from " + port + ": " + e.getMessage()
                    + " in \"" + LineCodec.describe(reply.encode()) + "\"");
        }
        return new HelloReply(require(kv, "fw", reply), kv.getOrDefault("uid", ""), kv.getOrDefault("model", "?"),
                require(kv, "led", reply), pins, maxLine, kv);
    }

    private static String require(Map<String, String> kv, String key, Reply reply) {
        String v = kv.get(key);
        if (v == null) {
            throw new ProtocolException("the hello reply has no " + key + "=: \""
                    + LineCodec.describe(reply.encode()) + "\"");
        }
        return v;
    }
}
