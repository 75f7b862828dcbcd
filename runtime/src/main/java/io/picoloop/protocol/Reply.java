package io.picoloop.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply: {@code <id> ok [<value> ...]} or {@code <id> err <code> <message>}.
 *
 * @param id      the request's id, or {@link Request#NO_ID} for {@code -}
 * @param ok      true for {@code ok}
 * @param values  the values of an ok reply; a quoted {@code key="a b"} value is unquoted to
 *                {@code key=a b}
 * @param code    the error code of an err reply ({@code toolong}, {@code syntax}, {@code unknown},
 *                {@code args}, {@code pin}, {@code mode}, {@code internal}, or a future one); null
 *                for ok
 * @param message the message of an err reply, for people (may be empty); null for ok
 */
public record Reply(int id, boolean ok, List<String> values, String code, String message)
        implements DeviceLine {

    public Reply {
        if (id != Request.NO_ID && (id < 0 || id > Protocol.MAX_ID)) {
            throw new IllegalArgumentException("reply id " + id + " is outside 0.." + Protocol.MAX_ID);
        }
        values = List.copyOf(values);
        if (ok) {
            if (code != null || message != null) {
                throw new IllegalArgumentException("an ok reply has no error code or message");
            }
        } else {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("an err reply has no values");
            }
        }
    }

    public static Reply ok(int id, String... values) {
        return new Reply(id, true, List.of(values), null, null);
    }

    public static Reply ok(int id, List<String> values) {
        return new Reply(id, true, values, null, null);
    }

    public static Reply err(int id, String code, String message) {
        return new Reply(id, false, List.of(), code, message);
    }

    public boolean hasId() {
        return id != Request.NO_ID;
    }

    /** The id as it appears on the line: a number or {@code -}. */
    public String idText() {
        return hasId() ? Integer.toString(id) : "-";
    }

    /** The value at {@code index}; a clear {@link ProtocolException} when the device sent fewer. */
    public String value(int index) {
        if (!ok || index >= values.size()) {
            throw new ProtocolException("expected at least " + (index + 1) + " value(s) in the reply \""
                    + LineCodec.describe(encode()) + "\"");
        }
        return values.get(index);
    }

    /** The value at {@code index} as a number, with a clear {@link ProtocolException} otherwise. */
    public long longValue(int index) {
        String v = value(index);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProtocolException("expected a number, saw \"" + LineCodec.describe(v)
                    + "\" in the reply \"" + LineCodec.describe(encode()) + "\"");
        }
    }

    /** The value of a {@code key=value} token (quotes already removed), if present. */
    public Optional<String> value(String key) {
        return Tokens.keyValue(values, key);
    }

    /** All {@code key=value} tokens, in order; tokens without {@code =} are left out. */
    public Map<String, String> keyValues() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq > 0) {
                map.putIfAbsent(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        return map;
    }

    @Override
    public String encode() {
        StringBuilder sb = new StringBuilder(idText());
        if (ok) {
            sb.append(" ok");
            for (String v : values) {
                sb.append(' ').append(Tokens.quoteIfNeeded(v));
            }
        } else {
            sb.append(" err ").append(code);
            if (!message.isEmpty()) {
                sb.append(' ').append(message);
            }
        }
        return sb.toString();
    }
}
