package io.picoloop.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the lines the device sends (replies and events) on the host. Anything that is not
 * protocol v1 becomes a {@link ProtocolException} whose message names what was seen; the
 * MicroPython REPL (prompt, banner, traceback) is recognised and named as such.
 */
public final class LineCodec {

    /** How much of a line an error message shows. */
    static final int SHOWN_BYTES = 80;

    public static final String REPL_HINT = "this looks like the MicroPython REPL, not the picoloop bridge:"
            + " " + Protocol.INSTALL_FIX;

    private LineCodec() {
    }

    /** Decodes a line given as text (it is encoded as UTF-8 first). */
    public static DeviceLine decodeDeviceLine(String line) {
        return decodeDeviceLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes one device line, without its newline; one trailing {@code \r} is dropped.
     *
     * @throws ProtocolException naming what was seen, when the line is not a reply or event
     */
    public static DeviceLine decodeDeviceLine(byte[] raw) {
        byte[] line = raw;
        if (line.length > 0 && line[line.length - 1] == '\r') {
            line = java.util.Arrays.copyOf(line, line.length - 1);
        }
        String text = new String(line, StandardCharsets.ISO_8859_1);
        Optional<String> repl = replHint(text);
        if (repl.isPresent()) {
            throw new ProtocolException(repl.get() + " (the device sent " + quote(line) + ")");
        }
        if (line.length > Protocol.MAX_DEVICE_LINE_BYTES) {
            throw bad(line, "a device line longer than " + Protocol.MAX_DEVICE_LINE_BYTES + " bytes");
        }
        for (byte b : line) {
            if (b < 0x20 || b > 0x7E) {
                throw bad(line, "bytes that are not printable ASCII");
            }
        }
        if (text.isBlank()) {
            throw bad(line, "an empty line");
        }
        if (text.startsWith("!")) {
            return decodeEvent(line, text);
        }
        List<String> tokens;
        try {
            tokens = Tokens.split(text);
        } catch (IllegalArgumentException e) {
            throw bad(line, "a line with an unclosed double quote");
        }
        return decodeReply(line, text, tokens);
    }

    private static DeviceEvent decodeEvent(byte[] line, String text) {
        List<String> tokens;
        try {
            tokens = Tokens.split(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw bad(line, "an event with an unclosed double quote");
        }
        if (tokens.isEmpty()) {
            throw bad(line, "an event without a kind");
        }
        return new DeviceEvent(tokens.getFirst(), tokens.subList(1, tokens.size()));
    }

    private static Reply decodeReply(byte[] line, String text, List<String> tokens) {
        String idText = tokens.getFirst();
        int id;
        if (idText.equals("-")) {
            id = Request.NO_ID;
        } else if (isDigits(idText) && idText.length() <= 5 && Integer.parseInt(idText) <= Protocol.MAX_ID) {
            id = Integer.parseInt(idText);
        } else if (isDigits(idText)) {
            throw bad(line, "a reply id above " + Protocol.MAX_ID);
        } else {
            throw bad(line, "a line that is neither a reply (<id> ok|err ...) nor an event (! ...)");
        }
        if (tokens.size() < 2) {
            throw bad(line, "a reply without ok or err");
        }
        String status = tokens.get(1);
        if (status.equals("ok")) {
            return Reply.ok(id, tokens.subList(2, tokens.size()));
        }
        if (status.equals("err")) {
            if (tokens.size() < 3) {
                throw bad(line, "an err reply without an error code");
            }
            String code = tokens.get(2);
            // the message is the raw rest of the line, spacing kept
            int at = text.indexOf(" err ") + 5;
            at = text.indexOf(code, at) + code.length();
            String message = text.substring(at).strip();
            return Reply.err(id, code, message);
        }
        throw bad(line, "a reply whose second word is not ok or err");
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static ProtocolException bad(byte[] line, String what) {
        return new ProtocolException("the device sent " + what + ": " + quote(line));
    }

    /**
     * If the text looks like the MicroPython REPL (prompt, banner, traceback, raw REPL), the hint
     * to install the bridge.
     */
    public static Optional<String> replHint(String text) {
        String t = text.strip();
        boolean repl = t.startsWith(">>>")
                || t.startsWith("Traceback (most recent call last)")
                || t.startsWith("MicroPython ")
                || t.startsWith("Type \"help()\" for more information")
                || t.startsWith("raw REPL; CTRL-B to exit")
                || t.startsWith("KeyboardInterrupt")
                || t.startsWith("MPY: soft reboot");
        return repl ? Optional.of(REPL_HINT) : Optional.empty();
    }

    /** The bytes in double quotes, escaped and truncated as by {@link #describe(byte[])}. */
    public static String quote(byte[] bytes) {
        return "\"" + describe(bytes) + "\"";
    }

    /**
     * Printable ASCII as is, a backslash as {@code \\}, other bytes as {@code \xNN}; more than 80
     * bytes are cut, with the total length named.
     */
    public static String describe(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\\') {
                sb.append("\\\\");
            } else if (b >= 0x20 && b <= 0x7E) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > shown) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }

    /** {@link #describe(byte[])} of the text's UTF-8 bytes. */
    public static String describe(String text) {
        return describe(text.getBytes(StandardCharsets.UTF_8));
    }
}
