package io.picoloop.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT), {@code kill} (SIGTERM) and a closed terminal (SIGHUP) for a program on a loop:
 * a shutdown hook asks the loop to stop (its tasks are cancelled where they wait, in spawn order,
 * and their finally blocks run), then holds the JVM until the program says its outputs are off
 * ({@link #release()}), at most {@code grace}.
 *
 * <p>Where the hook is registered matters: jSerialComm closes every open port from a shutdown hook
 * of its own, and the JVM runs all hooks at once, so a plain {@link Runtime#addShutdownHook} hook
 * races it and the final {@code off} finds the port closed (the outputs stay on until the board's
 * keepalive). With a serial port, register through {@code SerialTransport::addShutdownHook}, which
 * jSerialComm runs before it closes its ports; without one, {@code Runtime.getRuntime()::addShutdownHook}
 * (that does not load the serial library).
 */
public final class StopOnSignal {

    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean fired;

    private StopOnSignal() {
    }

    /**
     * @param hooks registers the hook thread: {@code SerialTransport::addShutdownHook} with a serial
     *              port, {@code Runtime.getRuntime()::addShutdownHook} without
     */
    public static StopOnSignal install(EventLoop loop, Duration grace, Consumer<Thread> hooks) {
        return install(loop, grace, hooks, () -> { });
    }

    /**
     * {@link #install(EventLoop, Duration, Consumer)}, running {@code first} on a signal before the
     * loop is asked to stop (say, to stop waiting for a board that is away, so the cleanup does not).
     */
    public static StopOnSignal install(EventLoop loop, Duration grace, Consumer<Thread> hooks, Runnable first) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(grace, "grace");
        StopOnSignal s = new StopOnSignal();
        ExitLoggerWarmUp.start();
        hooks.accept(Thread.ofPlatform().name("picoloop-stop-on-signal").unstarted(() -> s.stop(loop, grace, first)));
        return s;
    }

    private void stop(EventLoop loop, Duration grace, Runnable first) {
        if (released.getCount() == 0) {
            return;     // a normal exit: the outputs are off already
        }
        fired = true;
        first.run();
        loop.requestStop();
        try {
            released.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outputs are off (or the program is over): the JVM may end. */
    public void release() {
        released.countDown();
    }

    /** True once a signal asked the loop to stop. */
    public boolean fired() {
        return fired;
    }
}
