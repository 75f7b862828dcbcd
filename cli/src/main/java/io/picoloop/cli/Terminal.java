package io.picoloop.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * stdout and stderr as picoloop writes them: both usually go to one terminal, so they share one
 * lock, and a line on one (a warning from another thread, the loop's watchdog) never lands inside a
 * line on the other. Each writer buffers until its line is done, then writes it at once.
 */
record Terminal(PrintWriter out, PrintWriter err) {

    static Terminal system() {
        Object lock = new Object();
        return new Terminal(new Locked(System.out, lock), new Locked(System.err, lock));
    }

    private static final class Locked extends PrintWriter {
        Locked(OutputStream stream, Object lock) {
            super(stream, true);
            this.lock = lock;
        }
    }
}
