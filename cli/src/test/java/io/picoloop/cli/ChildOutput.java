package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.testing.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What a child process writes to a stream, collected as it comes. */
final class ChildOutput {

    private final StringBuffer text = new StringBuffer();

    private ChildOutput(InputStream in) {
        Thread.ofPlatform().daemon().name("child-output").start(() -> {
            // a reader, not bytes decoded per read: a character such as ● split across two reads stays whole
            char[] buf = new char[4096];
            try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (int n; (n = reader.read(buf)) > 0; ) {
                    text.append(buf, 0, n);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    static ChildOutput of(InputStream in) {
        return new ChildOutput(in);
    }

    String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Sends {@code kill -SIGNAL} to {@code child} and expects it to end with {@code exitCode} (this is its output). */
    void stop(Process child, String signal, int exitCode) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
        assertTrue(ChildProcesses.endsWithin(child, Duration.ofSeconds(20)), "picoloop exits after SIG" + signal + ": " + text());
        assertEquals(exitCode, child.exitValue(), text());
    }

    /** Waits until {@code text} shows {@code wanted}: a child JVM is slow to start on a busy machine. */
    static void await(Supplier<String> text, String wanted, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.get().contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(text.get().contains(wanted), "no \"" + wanted + "\" within 30 s (alive: " + child.isAlive()
                + "): " + text.get());
    }
}
