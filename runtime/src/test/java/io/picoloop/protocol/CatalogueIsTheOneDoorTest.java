package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host speaks the protocol through one door: its command words are written in the catalogue
 * ({@link Commands}, the event kinds in {@link DeviceEvent}) and its limits in {@link Protocol},
 * nowhere else in runtime/ or cli/ sources. The simulator ({@code io.picoloop.sim}) is the device
 * side, with its own statement of the rules, and is left out. Comments are prose and are not
 * read; code and string literals are.
 */
class CatalogueIsTheOneDoorTest {

    /** The words that name a request or an event on the wire. */
    private static final Set<String> WORDS = Set.of("hello", "ping", "mode", "write", "toggle", "read", "watch",
            "unwatch", "keepalive", "off", "repl", "time", "boot", "edge", "lost", "expired", "pwm", "fade", "tone", "adc",
            "stream", "sample", "temp", "files");
    /** Where the host's catalogue writes them. */
    private static final Set<String> CATALOGUE = Set.of("Commands.java", "DeviceEvent.java");
    /**
     * Contexts in which such a word is no request: a picocli command's name, a parameter's name in
     * {@code requireNonNull}, the name of one of {@code picoloop doctor}'s checks, the replacement
     * in a sentence ({@code replaceFirst("^writes", "write")}).
     */
    private static final Pattern NOT_A_REQUEST = Pattern.compile("(\\bname\\s*=\\s*|requireNonNull\\([^,()]*,\\s*"
            + "|\\bCheck\\.\\w+\\(\\s*|\\.replace\\w*\\(\"[^\"]*\",\\s*)$");
    /**
     * A limit's number, and what the same line must mention for it to be that limit (a 1000 that
     * converts units is none). Stated in {@link Protocol} only.
     */
    private static final List<Pattern[]> LIMITS = List.of(
            limit("65535", ""),
            limit("600_?000", ""),
            limit("120|250", "(?i)line|bytes"),
            limit("1_?000", "(?i)debounce"),
            limit("100", "(?i)keepalive"),
            limit("16", "(?i)in.?flight"),
            limit("1_?000_?000", "(?i)hz|freq"),
            limit("60_?000", "(?i)period|stream"));

    private static Pattern[] limit(String number, String context) {
        return new Pattern[]{Pattern.compile("(?<![\\w.*/])(" + number + ")(?![\\w.])"), Pattern.compile(context)};
    }

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void noCommandWordOrLimitIsWrittenOutsideTheCatalogue() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : List.of("runtime/src/main/java", "cli/src/main/java")) {
            Path root = RepoRoot.get().resolve(module);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith("io/picoloop/sim/")) {
                        continue;       // the device side
                    }
                    found.addAll(offences(module + "/" + rel, Files.readString(f)));
                }
            }
        }
        assertEquals(List.of(), found, "protocol words and limits belong in io.picoloop.protocol's catalogue"
                + " (Commands, DeviceEvent, Protocol): use its constants and factories instead");
    }

    /** The scan finds what it looks for, and leaves prose and look-alikes alone. */
    @Test
    void theScanTellsARequestFromProse() {
        String planted = """
                class X {
                    void a() { pico.send("toggle", pin.token()); }
                    boolean b(Request r) { return r.command().equals("watch"); }
                    void c(long ms) { if (ms > 1000) throw new IllegalArgumentException("debounce too long"); }
                    static final int D = 65535;
                    String e = "line longer than 120 bytes";
                }
                """;
        assertEquals(5, offences("X.java", planted).size(), String.valueOf(offences("X.java", planted)));
        String innocent = """
                /** Sends "toggle" and waits 1000 ms for the debounce; ids up to 65535. */
                @Command(name = "watch", description = "Watch a button")
                class Y {
                    // a "ping" every 120 bytes of line
                    void a() { say("watch again"); long us = ms * 1000; Objects.requireNonNull(keepalive, "keepalive"); }
                    void b(long debounceMs) { long us = debounceMs * 1000L; }
                    String c(String s) { return s.replaceFirst("^writes", "write"); }
                }
                """;
        assertEquals(List.of(), offences("Y.java", innocent));
        assertTrue(offences("Commands.java", "String T = \"toggle\";").isEmpty(), "the catalogue writes the words");
        assertTrue(offences("Protocol.java", "int MAX_ID = 65535;").isEmpty(), "Protocol states the limits");
    }

    /** Each offence as {@code file:line: what}. */
    private static List<String> offences(String file, String source) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>();
        String[] lines = withoutComments(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = file + ":" + (i + 1) + ": ";
            if (!CATALOGUE.contains(name)) {
                Matcher m = STRING.matcher(line);
                while (m.find()) {
                    if (WORDS.contains(m.group(1)) && !NOT_A_REQUEST.matcher(line.substring(0, m.start())).find()) {
                        out.add(where + "command word " + m.group() + " in: " + line.strip());
                    }
                }
            }
            if (!name.equals("Protocol.java")) {
                for (Pattern[] limit : LIMITS) {
                    Matcher n = limit[0].matcher(line);
                    if (n.find() && limit[1].matcher(line).find()) {
                        out.add(where + "limit " + n.group(1) + " in: " + line.strip());
                    }
                }
            }
        }
        return out;
    }

    /** The source with its comments blanked (line breaks kept, so line numbers stay right); strings kept. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                out.append(s, i, j);
                i = j;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                s.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
