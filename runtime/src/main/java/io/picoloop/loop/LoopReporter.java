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
        System.err.printf("picoloop: %s ignored cancellation: still running %d ms after close(); "
                + "left behind (do not swallow CancelledException)%n", source, grace.toMillis());
    }

    LoopReporter STDERR = new LoopReporter() {
        @Override
        public void blocked(String source, Duration held) {
            System.err.printf("picoloop: %s held the loop for %d ms without an await point%n",
                    source, held.toMillis());
        }

        @Override
        public void stillBlocked(String source, Duration soFar) {
            System.err.printf("picoloop: %s has held the loop for %d ms and is still running "
                    + "(a CPU loop or a blocking call without await?)%n", source, soFar.toMillis());
        }

        @Override
        public void stillBlocked(String source, Duration soFar, String doing) {
            System.err.printf("picoloop: %s has held the loop for %d ms and is still %s%n",
                    source, soFar.toMillis(), doing);
        }

        @Override
        public void overrun(String source, long missed) {
            System.err.printf("picoloop: %s overran its period; skipped %d tick(s)%n", source, missed);
        }
    };
}
