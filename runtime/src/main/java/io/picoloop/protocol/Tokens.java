package io.picoloop.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splitting lines into space-separated tokens, with double-quoted values. */
final class Tokens {

    private Tokens() {
    }

    /**
     * Splits on runs of spaces. A double quote inside a token starts a quoted part that runs to the
     * next double quote and may hold spaces; the quotes themselves are dropped
     * ({@code model="Pico W"} → {@code model=Pico W}).
     *
     * @throws IllegalArgumentException on an unterminated quote
     */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        boolean inToken = false;
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inQuote) {
                if (c == '"') {
                    inQuote = false;
                } else {
                    tok.append(c);
                }
            } else if (c == ' ') {
                if (inToken) {
                    out.add(tok.toString());
                    tok.setLength(0);
                    inToken = false;
                }
            } else {
                inToken = true;
                if (c == '"') {
                    inQuote = true;
                } else {
                    tok.append(c);
                }
            }
        }
        if (inQuote) {
            throw new IllegalArgumentException("a double quote is not closed");
        }
        if (inToken) {
            out.add(tok.toString());
        }
        return out;
    }

    /** {@code key=a b} → {@code key="a b"}; tokens without spaces are unchanged. */
    static String quoteIfNeeded(String token) {
        if (token.indexOf(' ') < 0 && !token.isEmpty()) {
            return token;
        }
        int eq = token.indexOf('=');
        return eq > 0 ? token.substring(0, eq + 1) + '"' + token.substring(eq + 1) + '"'
                : '"' + token + '"';
    }

    static Optional<String> keyValue(List<String> tokens, String key) {
        String prefix = key + "=";
        for (String t : tokens) {
            if (t.startsWith(prefix)) {
                return Optional.of(t.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
