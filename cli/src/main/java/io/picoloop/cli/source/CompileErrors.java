package io.picoloop.cli.source;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A program's compile errors as a student can act on them: the first error in one line
 * ({@code file:line: the JDK's message}), its source line with a caret, a hint for the commonest
 * classroom mistakes, and how many more errors there are. The JDK's own words are kept; with
 * {@code PICOLOOP_DEBUG=1} every error follows as the JDK prints it.
 */
final class CompileErrors {

    /** picoloop's classes a program uses most, for "add import ...": the simple name to import. */
    private static final Map<String, String> IMPORTS = Map.ofEntries(
            Map.entry("Picoloop", "io.picoloop.Picoloop"),
            Map.entry("Pico", "io.picoloop.device.Pico"),
            Map.entry("OutputPin", "io.picoloop.device.OutputPin"),
            Map.entry("Async", "io.picoloop.loop.Async"),
            Map.entry("Event", "io.picoloop.loop.Event"),
            Map.entry("Button", "io.picoloop.button.Button"),
            Map.entry("Duration", "java.time.Duration"),
            Map.entry("List", "java.util.List"),
            Map.entry("ArrayList", "java.util.ArrayList"),
            Map.entry("Map", "java.util.Map"));

    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+(class|method|variable) (\\w+)");
    /** The type a missing method was looked for in, its package left out: {@code Pico}. */
    private static final Pattern LOCATION_TYPE = Pattern.compile("location:.* of type (?:[\\w]+\\.)*(\\w+)"
            + "|location: (?:class|interface) (?:[\\w]+\\.)*(\\w+)");

    private CompileErrors() {
    }

    /** The lines to print for {@code errors} (at least one), each without "picoloop: " but the first. */
    static List<String> describe(List<Diagnostic<? extends JavaFileObject>> errors, boolean all) {
        Diagnostic<? extends JavaFileObject> first = errors.getFirst();
        var lines = new java.util.ArrayList<>(SourcePointer.block(first, "error:"));
        hint(first.getCode(), first.getMessage(Locale.ROOT)).ifPresent(h -> lines.add("hint: " + h));
        int more = errors.size() - 1;
        if (more > 0) {
            lines.add(more + " more error" + (more == 1 ? "" : "s") + " after this one (fix this one first: the others"
                    + " often follow from it" + (all ? ")" : "; PICOLOOP_DEBUG=1 shows them all)"));
        }
        if (all) {
            errors.stream().skip(1).forEach(e -> lines.add(e.toString()));
        }
        return lines;
    }

    /** The hint for a mistake students make often, by the JDK's code for the error. */
    static Optional<String> hint(String code, String message) {
        if (code.equals("compiler.err.expected") && message.contains("';'")) {
            return Optional.of("every statement ends with ';': add one where the caret points");
        }
        if (code.equals("compiler.err.class.public.should.be.in.file")) {
            Matcher m = Pattern.compile("(?:class|interface|record|enum) (\\w+) is public").matcher(message);
            String name = m.find() ? m.group(1) : "the class";
            return Optional.of("a public class lives in a file of its own name: rename the file to " + name
                    + ".java, or the class to the file's name");
        }
        if (code.startsWith("compiler.err.cant.resolve")) {
            return symbolHint(message);
        }
        return Optional.empty();
    }

    private static Optional<String> symbolHint(String message) {
        Matcher s = SYMBOL.matcher(message);
        if (!s.find()) {
            return Optional.empty();
        }
        String kind = s.group(1);
        String name = s.group(2);
        String known = IMPORTS.get(name);
        if (kind.equals("class") || known != null) {       // Async.sleep(...) without the import: "variable Async"
            return Optional.of(known != null
                    ? "add 'import " + known + ";' at the top of the file"
                    : "a class from a library needs an import at the top of the file; check the spelling and capitals of '"
                            + name + "' too");
        }
        if (kind.equals("method")) {
            Matcher t = LOCATION_TYPE.matcher(message);
            String type = t.find() ? (t.group(1) != null ? t.group(1) : t.group(2)) : null;
            Optional<String> closest = type == null ? Optional.empty() : closestMethod(type, name);
            return Optional.of(closest.map(c -> "did you mean " + c + "? ").orElse("")
                    + "method names are spelt exactly, capitals too" + (type == null ? "" : "; see what " + type + " offers"));
        }
        return Optional.of("is '" + name + "' spelt as where it is declared (capitals count), and declared before this line?");
    }

    /** The method of picoloop's class {@code type} whose name is nearest {@code typed}, if one is near. */
    private static Optional<String> closestMethod(String type, String typed) {
        String known = IMPORTS.get(type);
        if (known == null) {
            return Optional.empty();
        }
        try {
            Class<?> c = Class.forName(known, false, CompileErrors.class.getClassLoader());
            return Arrays.stream(c.getMethods()).map(java.lang.reflect.Method::getName).distinct()
                    .filter(n -> distance(n.toLowerCase(Locale.ROOT), typed.toLowerCase(Locale.ROOT)) <= 2)
                    .min(Comparator.comparingInt(n -> distance(n, typed)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Levenshtein distance: the fewest single-letter edits from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
