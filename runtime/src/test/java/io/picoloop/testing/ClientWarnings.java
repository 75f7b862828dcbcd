package io.picoloop.testing;

import io.picoloop.device.Pico;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client's warnings ({@link Pico#onWarning}), to wait for one: the board gone, back, restarted. */
public final class ClientWarnings {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    public ClientWarnings(Pico pico) {
        pico.onWarning(w -> {
            System.err.println("warning: " + w);       // in the test's report when it fails
            lines.add(w);
        });
    }

    /** The next warning containing {@code part} (earlier ones are passed over), within {@code limit}. */
    public String await(String part, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String w = lines.poll(100, TimeUnit.MILLISECONDS);
            if (w != null && w.contains(part)) {
                return w;
            }
        }
        throw new AssertionError("no warning containing \"" + part + "\" within " + limit.toSeconds() + " s");
    }

    /** {@link #await(String, Duration)} within 60 s. */
    public String await(String part) throws InterruptedException {
        return await(part, Duration.ofSeconds(60));
    }
}
