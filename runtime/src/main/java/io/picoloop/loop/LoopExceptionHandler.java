package io.picoloop.loop;

/**
 * Receives failures nobody else will see: a task that fails while no one awaits it, or a
 * callback that throws (MicroPython's {@code set_exception_handler}). The loop keeps running.
 */
@FunctionalInterface
public interface LoopExceptionHandler {
    void uncaught(String source, Throwable error);

    LoopExceptionHandler STDERR = (source, error) -> {
        System.err.println("picoloop: unhandled exception in " + source + ":");
        error.printStackTrace();
    };
}
