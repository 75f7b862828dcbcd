package io.picoloop.micropython;

import java.nio.charset.StandardCharsets;

/** Python literals for code sent to the board: ASCII only, so nothing in them is a raw REPL control byte. */
final class PyLiteral {

    private PyLiteral() {
    }

    /** {@code b'...'}: printable ASCII as is, everything else escaped. */
    static String bytes(byte[] data, int off, int len) {
        StringBuilder s = new StringBuilder(len + len / 8 + 3).append("b'");
        for (int i = off; i < off + len; i++) {
            appendByte(s, data[i] & 0xFF);
        }
        return s.append('\'').toString();
    }

    /** {@code '...'} for a file name. */
    static String str(String text) {
        StringBuilder s = new StringBuilder("'");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            appendByte(s, b & 0xFF);
        }
        return s.append('\'').toString();
    }

    private static void appendByte(StringBuilder s, int b) {
        switch (b) {
            case '\\' -> s.append("\\\\");
            case '\'' -> s.append("\\'");
            case '\n' -> s.append("\\n");
            case '\r' -> s.append("\\r");
            case '\t' -> s.append("\\t");
            default -> {
                if (b >= 0x20 && b < 0x7F) {
                    s.append((char) b);
                } else {
                    s.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
                }
            }
        }
    }
}
