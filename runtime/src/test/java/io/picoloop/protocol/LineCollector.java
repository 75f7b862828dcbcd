package io.picoloop.protocol;

import io.picoloop.transport.LineListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues what a transport receives, for tests to take in order. */
public final class LineCollector implements LineListener {

    public final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> garbage = new LinkedBlockingQueue<>();
    public final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @Override
    public void onLine(byte[] line) {
        lines.add(new String(line, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void onGarbage(String description) {
        garbage.add(description);
    }

    @Override
    public void onClosed(Throwable cause) {
        closed.complete(cause);
    }

    /** The next line, failing after a generous timeout (a busy 2-core CI machine). */
    public String next() throws InterruptedException {
        String l = lines.poll(10, TimeUnit.SECONDS);
        if (l == null) {
            throw new AssertionError("no line from the device within 10 s");
        }
        return l;
    }
}
