package io.picoloop.cli;

import io.picoloop.install.Installer;

/**
 * One board's install on the console. On a terminal a line redrawn in place as the installer goes:
 * the bar of the bytes written, the port and the step ({@code writing bridge.py (12.0 of 40.3 KB)}),
 * replaced by the board's result line at the end. Elsewhere (a pipe, a teacher's script, a log)
 * only the result line: one line per board, no carriage returns.
 */
final class InstallProgress {

    private final LiveLine live;
    private final boolean terminal;
    private final String port;
    private double share;

    InstallProgress(LiveLine live, boolean terminal, String port) {
        this.live = live;
        this.terminal = terminal;
        this.port = port;
    }

    /** A step of the installer ("stopping what runs", "writing main.py", ...). */
    void step(String step) {
        draw(step);
    }

    /** A chunk written. */
    void written(Installer.Written w) {
        share = w.total() == 0 ? 1 : (double) w.done() / w.total();
        draw(String.format("writing %s (%.1f of %.1f KB)", w.file(), w.done() / 1024.0, w.total() / 1024.0));
    }

    /** The board's result, in place of its progress. */
    void done(String result) {
        live.settle(result);
    }

    /** The board failed: its progress goes, so the error (on stderr) starts a line of its own. */
    void failed() {
        live.clear();
    }

    private void draw(String step) {
        if (terminal) {
            live.show(share, port + ": " + step);
        }
    }
}
