package io.picoloop.device;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where a {@link Pico}'s user code runs: the callback executor of {@link DeviceOptions}, or a
 * dedicated daemon thread per client. Futures complete here and event and warning listeners
 * ({@link Warnings}) run here; the transport's reader thread only hands work over.
 */
final class Callbacks {

    private final Executor executor;
    private final ExecutorService ownThread;
    private volatile Thread callbackThread;

    Callbacks(Executor given, String port) {
        if (given != null) {
            this.executor = given;
            this.ownThread = null;
        } else {
            this.ownThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = Thread.ofPlatform().daemon().name("picoloop-device " + port).unstarted(r);
                callbackThread = t;
                return t;
            });
            this.executor = ownThread;
        }
    }

    /**
     * Runs {@code r} on the callback executor; when that refuses (client or loop closed), here,
     * rather than leave a future incomplete forever.
     */
    void dispatch(Runnable r) {
        try {
            executor.execute(r);
        } catch (RuntimeException e) {
            r.run();
        }
    }

    /** True on the client's own callback thread (where a blocking call would wait forever). */
    boolean isCallbackThread() {
        return Thread.currentThread() == callbackThread;
    }

    /**
     * Stops the own callback thread once what was handed to it has run, so a warning given before
     * the client closed reaches its listeners before {@code close} returns (waits at most 1 s; not
     * on the callback thread itself, which would wait for itself).
     */
    void shutdown() {
        if (ownThread != null) {
            ownThread.shutdown();
            if (!isCallbackThread()) {
                try {
                    ownThread.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
