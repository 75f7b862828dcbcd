package io.picoloop.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request line: {@code [<id>] <command> [<argument> ...]}.
 *
 * @param id      0 to {@link Protocol#MAX_ID}, or {@link #NO_ID} for a line typed without an id
 * @param command the command, lower case
 * @param args    the arguments, as sent (pins and keywords are case-insensitive on the device)
 */
public record Request(int id, String command, List<String> args) {

    /** A request without an id; its reply carries {@code -}. */
    public static final int NO_ID = -1;

    public Request {
        if (id != NO_ID && (id < 0 || id > Protocol.MAX_ID)) {
            throw new IllegalArgumentException("request id " + id + " is outside 0.." + Protocol.MAX_ID);
        }
        Objects.requireNonNull(command, "command");
        command = command.toLowerCase(Locale.ROOT);
        requireToken("command", command);
        args = List.copyOf(args);
        for (String a : args) {
            requireToken("argument", a);
        }
    }

    public static Request of(int id, String command, String... args) {
        return new Request(id, command, List.of(args));
    }

    /** The line to send, without the newline. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        if (id != NO_ID) {
            sb.append(id).append(' ');
        }
        sb.append(command);
        for (String a : args) {
            sb.append(' ').append(a);
        }
        if (sb.length() > Protocol.MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("request \"" + LineCodec.describe(sb.toString())
                    + "\" is longer than " + Protocol.MAX_REQUEST_BYTES + " bytes");
        }
        return sb.toString();
    }

    /** The request as a person would type it, without the id: {@code mode 25 out 0}. */
    public String describe() {
        return args.isEmpty() ? command : command + " " + String.join(" ", args);
    }

    private static void requireToken(String what, String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " \"" + LineCodec.describe(s)
                        + "\" must be printable ASCII without spaces");
            }
        }
    }
}
