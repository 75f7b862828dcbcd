package io.picoloop.device;

import io.picoloop.loop.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How a blocking device call waits for its future: it parks the calling picoloop task when called
 * in one ({@link Async#await}), else blocks the thread; on the client's own callback thread, where
 * the future could never complete, it refuses. Failures are thrown as they are
 * ({@link DeviceException}, {@link io.picoloop.protocol.ProtocolException}, ...).
 */
final class Waiter {

    private final Callbacks callbacks;
    /** The port the board is on now, for messages. */
    private final Supplier<String> port;

    Waiter(Callbacks callbacks, Supplier<String> port) {
        this.callbacks = callbacks;
        this.port = port;
    }

    <T> T await(CompletableFuture<T> f) {
        if (Async.inTask()) {
            return Async.await(f);
        }
        if (callbacks.isCallbackThread() && !f.isDone()) {
            throw new IllegalStateException("a blocking device call in a device callback would wait forever:"
                    + " use the ...Async() variant there");
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new DeviceException(c.toString(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for " + port.get(), e);
        }
    }
}
