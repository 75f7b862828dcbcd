package io.picoloop.device;

import io.picoloop.protocol.Commands;
import io.picoloop.protocol.PinId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The client's side of ending a watch, for {@link WatchedInput}: the watch leaves the routing
 * table ({@link EventRouter}), the clock pings stop with the last one ({@link ClockSync}), and the
 * board is told ({@code unwatch <pin>}) when it is there to hear it.
 */
final class Unwatcher {

    private final EventRouter events;
    private final ClockSync clockSync;
    private final RequestPipeline requests;
    private final Waiter waiter;
    private final Duration requestTimeout;
    /** The port the board is on now (it may move on a replug). */
    private final Supplier<String> port;

    Unwatcher(EventRouter events, ClockSync clockSync, RequestPipeline requests, Waiter waiter, Duration requestTimeout,
              Supplier<String> port) {
        this.events = events;
        this.clockSync = clockSync;
        this.requests = requests;
        this.waiter = waiter;
        this.requestTimeout = requestTimeout;
        this.port = port;
    }

    /** Removes a watch from the routing table; false when it was not (or no longer) there. */
    boolean end(WatchedInput w) {
        boolean removed = events.remove(w);
        clockSync.stopIfIdle();
        return removed;
    }

    /**
     * Tells the board; done at once while it is gone and awaited ({@link Reconnect}): its restore
     * will not watch the pin again.
     */
    CompletableFuture<Void> tellBoard(PinId pin) {
        if (requests.inGap()) {
            return CompletableFuture.completedFuture(null);
        }
        return requests.send(Commands.unwatch(pin), requestTimeout, null).thenApply(r -> null);
    }

    /** Tells the board if the link is up, and waits; a link that dies meanwhile ends every watch anyway. */
    void tellBoardQuietly(PinId pin) {
        if (requests.isClosed() || requests.inGap()) {
            return;
        }
        try {
            waiter.await(requests.send(Commands.unwatch(pin), requestTimeout, null));
        } catch (RuntimeException e) {
            // the link died meanwhile: nothing is watched any more
        }
    }

    <T> T await(CompletableFuture<T> f) {
        return waiter.await(f);
    }

    String port() {
        return port.get();
    }
}
