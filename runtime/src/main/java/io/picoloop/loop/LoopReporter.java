package io.picoloop.loop;

import java.time.Duration;

/** Where the loop reports misuse it can detect at run time. Default: one line on stderr each. */
public interface LoopReporter {
    /** A task or callback ran this long without an await point. */
    void blocked(String source, Duration held);

    /** Watchdog warning: the loop is still stuck in {@code source}. */
    void stillBlocked(String source, Duration soFar);

    /**
     * Watchdog warning with what the holder is doing ({@code doing}: e.g. "running at
     * Foo.bar(Foo.java:12) (a CPU loop without await?)" or "blocked (TIMED_WAITING) in
     * java.lang.Thread.sleep ..."). Default: the two-argument form.
     */
    default void stillBlocked(String source, Duration soFar, String doing) {
        stillBlocked(source, soFar);
    }

    /** A periodic job finished after its next deadline; {@code missed} ticks were skipped. */
    void overrun(String source, long missed);

    /**
     * {@link EventLoop#close()} cancelled {@code source}, but it was still running after
     * {@code grace} (it caught {@link CancelledException} and went on); it is left behind.
     * Default: one line on stderr.
     */
    default void ignoredCancel(String source, Duration grace) {
        STDERR.ignoredCancel(source, grace);
    }

    /** One line on stderr per report. */
    LoopReporter STDERR = lines(line -> System.err.print(line + System.lineSeparator()));     // one write

    /**
     * A reporter that hands each report to {@code sink} as one whole line (without its line end):
     * formatted first, so a line written meanwhile to another stream of the same terminal cannot
     * land inside it. The sink may run on the watchdog's thread.
     */
    static LoopReporter lines(java.util.function.Consumer<String> sink) {
        java.util.Objects.requireNonNull(sink, "sink");
        return new LoopReporter() {
            @Override
            public void blocked(String source, Duration held) {
                sink.accept(String.format("picoloop: %s held the loop for %d ms without an await point",
                        source, held.toMillis()));
            }

            @Override
            public void stillBlocked(String source, Duration soFar) {
                sink.accept(String.format("picoloop: %s has held the loop for %d ms and is still running "
                        + "(a CPU loop or a blocking call without await?)", source, soFar.toMillis()));
            }

            @Override
            public void stillBlocked(String source, Duration soFar, String doing) {
                sink.accept(String.format("picoloop: %s has held the loop for %d ms and is still %s",
                        source, soFar.toMillis(), doing));
            }

            @Override
            public void overrun(String source, long missed) {
                sink.accept(String.format("picoloop: %s overran its period; skipped %d tick(s)", source, missed));
            }

            @Override
            public void ignoredCancel(String source, Duration grace) {
                sink.accept(String.format("picoloop: %s ignored cancellation: still running %d ms after close(); "
                        + "left behind (do not swallow CancelledException)", source, grace.toMillis()));
            }
        };
    }
}
