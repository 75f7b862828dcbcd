package io.picoloop.loop;

/** The body of a task without a result, e.g. {@code () -> { while (true) { led.toggle(); Async.sleepMs(150); } }}. */
@FunctionalInterface
public interface TaskRunnable {
    void run() throws Exception;
}
