package io.picoloop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** A user's single-file program (an example, a README listing) compiled against picoloop, as they would run it. */
public final class JavaSource {

    private JavaSource() {
    }

    /** Compiles {@code source} with the test classpath; a loader for its classes (the caller closes it). */
    public static URLClassLoader compile(Path source) throws IOException {
        Path out = Files.createTempDirectory("picoloop-example");
        var errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, errors,
                "-d", out.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, source.getFileName() + " compiles: " + errors);
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, JavaSource.class.getClassLoader());
    }

    /** {@link #compile(Path)} for source text, saved as {@code ClassName.java} in a fresh directory. */
    public static URLClassLoader compile(String className, String text) throws IOException {
        Path file = Files.createTempDirectory("picoloop-listing").resolve(className + ".java");
        Files.writeString(file, text);
        return compile(file);
    }
}
