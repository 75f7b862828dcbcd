package io.picoloop.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A line the device sends on its own: {@code ! <kind> [<field> ...]}.
 * Known kinds: {@code boot}, {@code edge}, {@code lost}, {@code expired}, {@code sample}; hosts ignore kinds they
 * do not know.
 */
public record DeviceEvent(String kind, List<String> fields) implements DeviceLine {

    public static final String BOOT = "boot";
    public static final String EDGE = "edge";
    public static final String LOST = "lost";
    /** {@code ! expired <ms>}: the board's keepalive ran out and it switched its outputs off. */
    public static final String EXPIRED = "expired";
    /** {@code ! sample <input> <value> <t_us> <seq>}: a {@code stream}'s sample (firmware 0.5.0). */
    public static final String SAMPLE = "sample";

    public DeviceEvent {
        Objects.requireNonNull(kind, "kind");
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("event kind is empty");
        }
        fields = List.copyOf(fields);
    }

    public static DeviceEvent of(String kind, String... fields) {
        return new DeviceEvent(kind, List.of(fields));
    }

    /** The value of a {@code key=value} field, if present. */
    public Optional<String> value(String key) {
        return Tokens.keyValue(fields, key);
    }

    @Override
    public String encode() {
        StringBuilder sb = new StringBuilder("! ").append(kind);
        for (String f : fields) {
            sb.append(' ').append(Tokens.quoteIfNeeded(f));
        }
        return sb.toString();
    }
}
