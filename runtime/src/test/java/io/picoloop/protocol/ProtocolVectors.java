package io.picoloop.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shared vectors of {@code docs/protocol-vectors.txt}, parsed. Used by the codec, simulator,
 * client and firmware-over-pty tests.
 */
public final class ProtocolVectors {

    public sealed interface Step permits Send, SendRaw, Expect, ExpectNothing, PinLevel, SetInput {
    }

    /** {@code > line}: the bytes to send, without the newline. */
    public record Send(byte[] line, String source) implements Step {
    }

    /** {@code >> bytes}: the bytes to send, and no newline after them. */
    public record SendRaw(byte[] bytes, String source) implements Step {
    }

    /** {@code < pattern}. */
    public record Expect(String pattern, Pattern regex) implements Step {
        public boolean matches(String line) {
            return regex.matcher(line).matches();
        }
    }

    /** {@code <-}. */
    public record ExpectNothing() implements Step {
    }

    /** {@code $ pin level}. */
    public record PinLevel(String pin, int level) implements Step {
    }

    /** {@code ~ pin level}: the outside world sets an input pin (a button). */
    public record SetInput(String pin, int level) implements Step {
    }

    public record Session(String board, String title, int lineNo, List<Step> steps) {
        /** Whether a request of the session uses this command (e.g. watch). */
        public boolean uses(String command) {
            return steps.stream().anyMatch(st -> st instanceof Send s
                    && new String(s.line(), StandardCharsets.ISO_8859_1).matches("(?i)([0-9]+ +)?" + command + "( .*)?"));
        }

        /** Whether the session sends bytes without a newline ({@code >>}), which a transport cannot. */
        public boolean sendsRaw() {
            return steps.stream().anyMatch(st -> st instanceof SendRaw);
        }

        @Override
        public String toString() {
            return board + ": " + title;
        }
    }

    /** {@code reply <line> => ...}, {@code event ...}, {@code bad ...}. */
    public record CodecCase(String directive, byte[] line, String expected, int lineNo) {
        @Override
        public String toString() {
            return "line " + lineNo + ": " + directive + " " + LineCodec.describe(line);
        }
    }

    public final List<Session> sessions = new ArrayList<>();
    public final List<CodecCase> codecCases = new ArrayList<>();

    private ProtocolVectors() {
    }

    public static Path repoRoot() {
        String prop = System.getProperty("picoloop.root");
        if (prop != null && Files.exists(Paths.get(prop, "docs", "protocol-vectors.txt"))) {
            return Paths.get(prop);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/protocol-vectors.txt"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/protocol-vectors.txt not found: set -Dpicoloop.root");
    }

    public static ProtocolVectors load() {
        try {
            return parse(Files.readAllLines(repoRoot().resolve("docs/protocol-vectors.txt"),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProtocolVectors parse(List<String> lines) {
        ProtocolVectors v = new ProtocolVectors();
        String board = "pico";
        Session session = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int no = i + 1;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("@board ")) {
                board = l.substring(7).strip();
            } else if (l.startsWith("== ")) {
                session = new Session(board, l.substring(3).strip(), no, new ArrayList<>());
                v.sessions.add(session);
            } else if (l.equals(">") || l.startsWith("> ")) {
                String src = l.length() > 2 ? l.substring(2) : "";
                requireSession(session, no).steps.add(new Send(unescape(src), src));
            } else if (l.startsWith(">> ")) {
                String src = l.substring(3);
                requireSession(session, no).steps.add(new SendRaw(unescape(src), src));
            } else if (l.equals("<-")) {
                requireSession(session, no).steps.add(new ExpectNothing());
            } else if (l.startsWith("< ")) {
                String pat = l.substring(2);
                requireSession(session, no).steps.add(new Expect(pat, toRegex(pat)));
            } else if (l.startsWith("$ ")) {
                String[] parts = l.substring(2).strip().split(" +");
                requireSession(session, no).steps.add(new PinLevel(parts[0], Integer.parseInt(parts[1])));
            } else if (l.startsWith("~ ")) {
                String[] parts = l.substring(2).strip().split(" +");
                requireSession(session, no).steps.add(new SetInput(parts[0], Integer.parseInt(parts[1])));
            } else if (l.startsWith("reply ") || l.startsWith("event ") || l.startsWith("bad ")) {
                int sp = l.indexOf(' ');
                int arrow = l.lastIndexOf(" => ");
                String directive = l.substring(0, sp);
                byte[] line = unescape(l.substring(sp + 1, arrow));
                v.codecCases.add(new CodecCase(directive, line, l.substring(arrow + 4), no));
            } else {
                throw new IllegalArgumentException("protocol-vectors.txt line " + no + ": unknown directive: " + l);
            }
        }
        return v;
    }

    private static Session requireSession(Session s, int no) {
        if (s == null) {
            throw new IllegalArgumentException("protocol-vectors.txt line " + no + ": step outside a session");
        }
        return s;
    }

    /** \xNN, \\, \t, \r, \n and {N*c}. */
    public static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case 'x' -> {
                        out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                        i += 3;
                    }
                    case '\\' -> { out.write('\\'); i++; }
                    case 't' -> { out.write('\t'); i++; }
                    case 'r' -> { out.write('\r'); i++; }
                    case 'n' -> { out.write('\n'); i++; }
                    default -> out.write(c);
                }
            } else if (c == '{' && s.indexOf("*", i) > i && s.indexOf('}', i) == s.indexOf("*", i) + 2
                    && s.substring(i + 1, s.indexOf("*", i)).chars().allMatch(Character::isDigit)) {
                int star = s.indexOf('*', i);
                int count = Integer.parseInt(s.substring(i + 1, star));
                char rep = s.charAt(star + 1);
                for (int k = 0; k < count; k++) {
                    out.write(rep);
                }
                i = star + 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** {int} {hex} {word} {*}; a space before a final {*} is optional (an empty rest). */
    static Pattern toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith(" {*}", i) && i + 4 == pattern.length()) {
                re.append("(?: .*)?");
                i += 4;
            } else if (pattern.startsWith("{int}", i)) {
                re.append("[0-9]+");
                i += 5;
            } else if (pattern.startsWith("{hex}", i)) {
                re.append("[0-9A-Fa-f]+");
                i += 5;
            } else if (pattern.startsWith("{word}", i)) {
                re.append("[^ ]+");
                i += 6;
            } else if (pattern.startsWith("{*}", i)) {
                re.append(".*");
                i += 3;
            } else {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }

    /** The pattern with sample values put in for its tokens, for the codec to decode. */
    public static String sample(String pattern) {
        return pattern.replace("{int}", "1234567").replace("{hex}", "E6614103E7452D2F")
                .replace("{word}", "0.1.0").replace("{*}", "\"Raspberry Pi Pico\" sample message");
    }
}
