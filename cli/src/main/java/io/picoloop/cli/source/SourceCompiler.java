package io.picoloop.cli.source;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a program's {@code .java} file in memory as Java's source-file mode does (the file's
 * first top-level class is the program; other files of its directory are found when used; the
 * file's name need not match its class), so that its compile errors can be told plainly
 * ({@link CompileErrors}) instead of in the JDK's launcher's words.
 */
public final class SourceCompiler {

    /**
     * A compiled program: its classes, the name of the class to launch and the lines to print for
     * its compile warnings ({@link CompileWarnings}; none when it has none).
     */
    public record Program(ClassLoader loader, String mainClass, List<String> warnings) {
    }

    /** The program did not compile: the lines to print. */
    public static final class Failed extends Exception {
        private final List<String> lines;

        Failed(List<String> lines) {
            super(String.join("\n", lines));
            this.lines = lines;
        }

        public List<String> lines() {
            return lines;
        }
    }

    private SourceCompiler() {
    }

    /**
     * Compiles {@code file} against this JVM's class path.
     *
     * @param debug every error after the first, and every warning, as the JDK prints them
     *              ({@code PICOLOOP_DEBUG=1})
     */
    public static Program compile(Path file, boolean debug) throws Failed, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new Failed(List.of("picoloop: this Java has no compiler (a JRE?); run .java programs with a JDK 25"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new ConcurrentHashMap<>();
        StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        List<String> options = List.of("-proc:none", CompileWarnings.LINTS, "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-sourcepath", dir.toString());
        JavacTask task = (JavacTask) javac.getTask(null, new InMemory(files, classes), diagnostics, options, null,
                List.of(new AnyName(file)));
        String mainClass = null;
        for (CompilationUnitTree unit : task.parse()) {
            if (!unit.getTypeDecls().isEmpty() && unit.getTypeDecls().getFirst() instanceof ClassTree c) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                // a compact source file's implicit class is named after the file
                String name = c.getSimpleName().isEmpty() ? baseName(file) : c.getSimpleName().toString();
                mainClass = pkg + name;
            }
        }
        task.generate();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new Failed(CompileErrors.describe(errors, debug));
        }
        if (mainClass == null) {
            throw new Failed(List.of("picoloop: " + file.getFileName() + " declares no class; write one with a main method"));
        }
        return new Program(new Loader(classes), mainClass,
                CompileWarnings.describe(diagnostics.getDiagnostics(), dir, debug));
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".java".length());
    }

    /** The program's own file: like the JDK's launcher, its class need not be named after it. */
    private static final class AnyName extends SimpleJavaFileObject {
        private final Path file;

        AnyName(Path file) {
            super(file.toAbsolutePath().toUri(), Kind.SOURCE);
            this.file = file;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return true;
        }
    }

    /** Class files kept in memory, by binary name. */
    private static final class InMemory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        InMemory(StandardJavaFileManager files, Map<String, ByteArrayOutputStream> classes) {
            super(files);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }
    }

    /** Loads the program's classes from memory, everything else from the class path. */
    private static final class Loader extends ClassLoader {
        private final Map<String, ByteArrayOutputStream> classes;

        Loader(Map<String, ByteArrayOutputStream> classes) {
            super(ClassLoader.getSystemClassLoader());      // unnamed: stack traces read as in source-file mode
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
        }
    }
}
