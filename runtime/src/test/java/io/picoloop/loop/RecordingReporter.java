package io.picoloop.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects the loop's reports so tests can assert on them. */
class RecordingReporter implements LoopReporter {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void blocked(String source, Duration held) {
        lines.add("blocked " + source + " " + held.toMillis() + " ms");
    }

    @Override
    public synchronized void stillBlocked(String source, Duration soFar) {
        lines.add("still " + source);
    }

    @Override
    public synchronized void overrun(String source, long missed) {
        lines.add("overrun " + source + " " + missed);
    }

    @Override
    public synchronized void ignoredCancel(String source, Duration grace) {
        lines.add("ignored " + source);
    }
}
