package io.picoloop.cli.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A program's compile warnings, printed before it runs (it still runs): each as a compile error
 * is ({@link SourcePointer}: where, the JDK's message, the line, a caret), the first few of them.
 * Only warnings in the program's own files: none about picoloop's class path or the options it
 * compiles with, which the student cannot act on. {@code PICOLOOP_DEBUG=1} prints every warning
 * as the JDK does instead.
 */
final class CompileWarnings {

    /**
     * The lints a student's program is compiled with: the mistakes that compile but misbehave or
     * stop compiling on a later JDK (deprecated and to-be-removed API, unchecked and raw generics,
     * a cast that does nothing, division by zero, an empty if, a switch that falls through, a
     * finally that cannot end, a lossy compound assignment, a static reached through an instance).
     * Not javac's whole set: {@code path}, {@code classfile}, {@code options} and
     * {@code processing} speak of picoloop's class path and compiler options, and {@code serial},
     * {@code this-escape} or {@code try} are about library design, not a first program.
     */
    static final String LINTS = "-Xlint:deprecation,removal,unchecked,rawtypes,cast,divzero,empty,fallthrough,"
            + "finally,lossy-conversions,static";

    private static final Pattern LINT = Pattern.compile("warning: (\\[[\\w-]+\\])");

    /** Warnings shown in full; the rest are counted. */
    private static final int SHOWN = 3;

    private CompileWarnings() {
    }

    /** The lines to print for the warnings among {@code diagnostics} of the files in {@code dir}. */
    static List<String> describe(List<Diagnostic<? extends JavaFileObject>> diagnostics, Path dir, boolean jdkForm) {
        List<Diagnostic<? extends JavaFileObject>> warnings = diagnostics.stream().filter(CompileWarnings::isWarning).toList();
        if (jdkForm) {
            return warnings.stream().map(Object::toString).toList();
        }
        List<Diagnostic<? extends JavaFileObject>> own = warnings.stream().filter(w -> inside(w, dir)).toList();
        List<String> lines = new ArrayList<>();
        own.stream().limit(SHOWN).forEach(w -> lines.addAll(SourcePointer.block(w, "warning:" + lint(w))));
        int more = own.size() - SHOWN;
        if (more > 0) {
            lines.add(more + " more warning" + (more == 1 ? "" : "s") + " (PICOLOOP_DEBUG=1 shows them all)");
        }
        return lines;
    }

    /**
     * The lint that gave {@code w}, as javac prints it ({@code " [rawtypes]"}), or "" for a
     * warning of no lint. The API does not give it, so it is read from javac's own form.
     */
    private static String lint(Diagnostic<? extends JavaFileObject> w) {
        Matcher m = LINT.matcher(w.toString());
        return m.find() ? " " + m.group(1) : "";
    }

    private static boolean isWarning(Diagnostic<?> d) {
        return d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING;
    }

    private static boolean inside(Diagnostic<? extends JavaFileObject> d, Path dir) {
        return d.getSource() != null && d.getSource().toUri().getScheme().equals("file")
                && Path.of(d.getSource().toUri()).startsWith(dir);
    }
}
