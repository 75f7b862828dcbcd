package io.picoloop.cli;

import io.picoloop.install.InstallCancelled;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * {@code install --all}: every board's install at the same time, each on its own thread (the work
 * is waiting on each board's USB serial, not the host's CPU), at most {@link #AT_ONCE} of them;
 * then the table in the ports' order. Ctrl-C (a shutdown hook) stops each install at its next step,
 * where the installer restarts its board, waits for that at most {@link #GRACE_MS}, and prints the
 * table of what finished.
 */
final class InstallAll {

    /**
     * Boards installed at once: the terminal's block holds one line per running board, and eight
     * stay within any screen; more would not go faster on a real cart either, where each board's
     * install moves about 60 KB over its own 12 Mbit/s USB link and mostly waits for its flash.
     */
    static final int AT_ONCE = 8;
    /** How long Ctrl-C waits for the installs to reach a step where their boards are restarted. */
    static final long GRACE_MS = 20_000;

    /** A board's row in the table. */
    record Row(String port, String result, String bridge) {

        static final Row HEADER = new Row("port", "result", "bridge");

        boolean ok() {
            return result.equals("ok");
        }

        String line() {
            return String.format("%-24s %-8s %s", port, result, bridge);
        }
    }

    /** One board's install: its row; a board's own failure is a row, not an exception. */
    interface One {
        Row install(int slot, String port, AtomicBoolean cancelled);
    }

    private final List<String> ports;
    private final AtomicReferenceArray<Row> rows;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CountDownLatch ended;

    InstallAll(List<String> ports) {
        this.ports = List.copyOf(ports);
        this.rows = new AtomicReferenceArray<>(ports.size());
        this.ended = new CountDownLatch(ports.size());
    }

    /** Runs {@code one} for every port, {@code atOnce} at a time, and returns the rows in the ports' order. */
    List<Row> run(int atOnce, One one) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(atOnce, ports.size())),
                Thread.ofPlatform().name("picoloop-install-", 0).factory());
        for (int i = 0; i < ports.size(); i++) {
            int slot = i;
            pool.execute(() -> {
                try {
                    rows.set(slot, cancelled.get() ? stopped(ports.get(slot)) : one.install(slot, ports.get(slot), cancelled));
                } catch (InstallCancelled e) {
                    rows.set(slot, stopped(ports.get(slot)));
                } finally {
                    ended.countDown();
                }
            });
        }
        pool.shutdown();
        awaitUninterruptibly(FOREVER);
        return rows();
    }

    /** Ctrl-C: the installs stop at their next step; at most {@link #GRACE_MS} later the table of what finished. */
    void stop(Consumer<List<Row>> report) {
        cancelled.set(true);
        awaitUninterruptibly(GRACE_MS);
        report(report);
    }

    /** Hands the rows to {@code report} once: the run's end and Ctrl-C may both come to it. */
    void report(Consumer<List<Row>> report) {
        if (reported.compareAndSet(false, true)) {
            report.accept(rows());
        }
    }

    private List<Row> rows() {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            Row r = rows.get(i);
            list.add(r != null ? r : new Row(ports.get(i), "STOPPED", "still installing at Ctrl-C: run picoloop install --port "
                    + ports.get(i) + " again"));
        }
        return list;
    }

    private static Row stopped(String port) {
        return new Row(port, "STOPPED", "by Ctrl-C: run picoloop install --port " + port + " again");
    }

    private static final long FOREVER = -1;

    private void awaitUninterruptibly(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (true) {
            try {
                if (ms == FOREVER) {
                    ended.await();
                } else {
                    ended.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                return;
            } catch (InterruptedException e) {
                // the table is still owed: wait on
            }
        }
    }

    /** The table and its summary line. */
    static void print(PrintWriter out, List<Row> rows, String version) {
        out.println(Row.HEADER.line());
        rows.forEach(r -> out.println(r.line()));
        out.printf("%d of %d boards have bridge %s%n", rows.stream().filter(Row::ok).count(), rows.size(), version);
        out.flush();
    }
}
