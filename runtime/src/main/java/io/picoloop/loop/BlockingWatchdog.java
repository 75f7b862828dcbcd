package io.picoloop.loop;

import java.time.Duration;

/**
 * Notices, while it is still happening, that one task or callback holds the loop too long
 * (a CPU loop or a blocking call without await: the classic cooperative-scheduling mistake).
 * The exact duration is reported by the loop itself when the culprit finally yields; this
 * daemon thread only adds the "still stuck" warning, once per stall. Real clock only.
 */
final class BlockingWatchdog {
    static final boolean ENABLED_FOR_REAL_CLOCK = true;

    private final EventLoop loop;
    private final Thread thread;
    private volatile boolean stopped;

    private BlockingWatchdog(EventLoop loop) {
        this.loop = loop;
        this.thread = Thread.ofPlatform().daemon().name("picoloop-watchdog").unstarted(this::watch);
    }

    static BlockingWatchdog startFor(EventLoop loop) {
        if (loop.clock() instanceof VirtualClock) {
            return null;
        }
        BlockingWatchdog w = new BlockingWatchdog(loop);
        w.thread.start();
        return w;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void watch() {
        long threshold = loop.blockingThreshold().toNanos();
        if (threshold <= 0) {
            return;
        }
        long tick = Math.max(threshold / 2, 1_000_000);
        long warnedSince = 0;
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(tick));
            } catch (InterruptedException e) {
                return;
            }
            Object what = loop.running;
            long since = loop.runningSinceReal;
            if (what == null || since == warnedSince) {
                continue;
            }
            long held = System.nanoTime() - since;
            if (held >= threshold && what == loop.running && since == loop.runningSinceReal) {
                warnedSince = since;
                loop.reporter().stillBlocked(EventLoop.describe(what), Duration.ofNanos(held));
            }
        }
    }
}
