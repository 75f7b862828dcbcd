package io.picoloop.cli.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * One compiler diagnostic as a student reads it, the same for an error and a warning:
 * {@code picoloop: Lab.java:6: error: the JDK's message in one line}, then the source line and a
 * caret under the column.
 */
final class SourcePointer {

    /** A type's package in a message: {@code java.lang.}String, {@code io.picoloop.device.}Pico. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*)");

    private SourcePointer() {
    }

    /** The lines for {@code d}, its message after {@code heading} ("error:", "warning: [rawtypes]"). */
    static List<String> block(Diagnostic<? extends JavaFileObject> d, String heading) {
        String where = d.getSource() == null ? "" : fileName(d.getSource()) + ":" + d.getLineNumber() + ": ";
        List<String> lines = new ArrayList<>();
        lines.add("picoloop: " + where + heading + " " + oneLine(d.getMessage(Locale.ROOT)));
        sourceLine(d).ifPresent(source -> {
            lines.add("    " + source);
            lines.add("    " + " ".repeat((int) Math.max(0, d.getColumnNumber() - 1)) + "^");
        });
        return lines;
    }

    /**
     * The JDK's message in one line: its indented detail lines joined with "; ", and types by their
     * simple names ({@code String}, {@code Pico}) as javac itself prints them on a terminal.
     */
    private static String oneLine(String message) {
        String joined = String.join("; ", message.lines().map(l -> l.strip().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty()).toList());
        return QUALIFIED.matcher(joined).replaceAll("$1");
    }

    private static String fileName(JavaFileObject source) {
        return Path.of(source.toUri()).getFileName().toString();
    }

    private static Optional<String> sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() < 1) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(d.getSource().toUri()));
            return d.getLineNumber() <= lines.size()
                    ? Optional.of(lines.get((int) d.getLineNumber() - 1).replace('\t', ' ')) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
