package io.picoloop.cli;

import io.picoloop.cli.source.SourceCompiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./picoloop Lab.java ARGS}: compiles the program in memory and runs its main as Java's
 * source-file mode would, but a program that does not compile gets picoloop's words
 * ({@link io.picoloop.cli.source.CompileErrors}: where, the JDK's message, the line, a hint) and
 * exit code 2, the user's input to fix, as for a wrong option or config file. Its warnings are
 * printed the same way before it runs.
 */
public final class SourceProgram {

    private SourceProgram() {
    }

    public static void main(String[] args) throws Throwable {
        Path file = Path.of(args[0]);
        SourceCompiler.Program program;
        try {
            program = SourceCompiler.compile(file, System.getenv("PICOLOOP_DEBUG") != null);
        } catch (SourceCompiler.Failed failed) {
            failed.lines().forEach(System.err::println);
            System.exit(ExitCode.USAGE.code());
            return;
        }
        program.warnings().forEach(System.err::println);
        Thread.currentThread().setContextClassLoader(program.loader());
        launch(program.loader().loadClass(program.mainClass()), Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * Java's launch protocol (JEP 512): {@code main(String[])}, else {@code main()}; static, or on a
     * new instance. An exception from main goes on as the JVM shows an uncaught one (exit 1).
     */
    private static void launch(Class<?> c, String[] args) throws Throwable {
        Method main = find(c, true);
        if (main == null) {
            main = find(c, false);
        }
        if (main == null) {
            System.err.println("picoloop: " + c.getSimpleName() + " has no main method; write"
                    + " public static void main(String[] args) { ... }");
            System.exit(ExitCode.USAGE.code());
            return;
        }
        main.setAccessible(true);
        Object target = null;
        if (!Modifier.isStatic(main.getModifiers())) {
            var constructor = c.getDeclaredConstructor();
            constructor.setAccessible(true);
            target = constructor.newInstance();
        }
        try {
            if (main.getParameterCount() == 1) {
                main.invoke(target, (Object) args);
            } else {
                main.invoke(target);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The non-private main of {@code c} or its superclasses, with or without {@code String[]}. */
    private static Method find(Class<?> c, boolean withArgs) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Method m = withArgs ? k.getDeclaredMethod("main", String[].class) : k.getDeclaredMethod("main");
                if (!Modifier.isPrivate(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // up to the superclass
            }
        }
        return null;
    }
}
