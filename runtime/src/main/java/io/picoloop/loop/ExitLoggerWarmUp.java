package io.picoloop.loop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes the JDK's exit logging off the signal's path. On SIGINT or SIGTERM the JVM's handler first
 * asks {@code System.getLogger("java.lang.Runtime")} whether to log the exit (JDK 21+,
 * {@code Shutdown.logRuntimeExit}), and only then starts the shutdown hooks, ours among them. The
 * first such call loads and sets up the JDK's logging front (about 25 classes): 2.8 ms of a 5.6 ms
 * signal-to-off on a quiet machine, 7 ms on a loaded one (docs/performance.md, "Programs: exact
 * rates and the switch-off"). Made once here, on a daemon thread, a moment after a program arms
 * its signal hook (not amid its start-up: the set-up costs some 20 ms of CPU, the service loader's
 * look below most of it), the call on the signal's path finds it done.
 *
 * <p>It is the JDK's own method that is called: {@code getLogger} answers by its caller's module,
 * and from an application it goes through the service loader and java.util.logging instead
 * (30-40 ms, other classes). That takes the launcher's {@code --add-opens java.base/java.lang};
 * without it (plain {@code java}) nothing is done and the signal's path does the work, as before.
 * The method logs an exit only where exit logging is switched on, so it is called only where it
 * cannot be: no logging configuration, system logger level or logger finder of the user's own.
 */
final class ExitLoggerWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** After the start-up's own work, before a user's Ctrl-C is likely. */
    private static final long DELAY_MS = 500;

    private ExitLoggerWarmUp() {
    }

    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("picoloop-exit-warm-up").start(ExitLoggerWarmUp::warm);
        }
    }

    private static void warm() {
        try {
            Thread.sleep(DELAY_MS);
            if (!exitLoggingIsOff()) {
                return;
            }
            Class<?> shutdown = Class.forName("java.lang.Shutdown");
            MethodHandle log = MethodHandles.privateLookupIn(shutdown, MethodHandles.lookup())
                    .findStatic(shutdown, "logRuntimeExit", MethodType.methodType(void.class, int.class));
            log.invokeExact(0);
        } catch (Throwable e) {
            // java.lang not opened to us, or another JDK: the signal's path sets the logger up itself
        }
    }

    /** The JDK's defaults: its system loggers say INFO and up, so an exit is not logged. */
    static boolean exitLoggingIsOff() {
        return System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("jdk.system.logger.level") == null
                && ServiceLoader.load(System.LoggerFinder.class, ClassLoader.getSystemClassLoader()).stream().findAny().isEmpty();
    }
}
