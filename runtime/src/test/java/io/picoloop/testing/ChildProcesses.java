package io.picoloop.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Child JVMs started by tests: a test that gives up on one must not leave it running. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** True if {@code p} ended within {@code limit}; otherwise kills it and returns false. */
    public static boolean endsWithin(Process p, Duration limit) throws InterruptedException {
        if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        p.destroyForcibly();
        return false;
    }
}
