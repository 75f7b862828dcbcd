package io.picoloop.cli;

import io.picoloop.install.Installer;

/**
 * One board's install on the console, in its slot of a {@link LiveBlock}. On a terminal its line in
 * the block, redrawn as the installer goes: the bar of the bytes written, the port and the step
 * ({@code writing bridge.py (12.0 of 40.3 KB)}), replaced by the board's result line at the end.
 * Elsewhere (a pipe, a teacher's script, a log) only the result line: one line per board as it
 * ends, no carriage returns.
 */
final class InstallProgress {

    private final LiveBlock block;
    private final int slot;
    private final String port;
    private double share;

    InstallProgress(LiveBlock block, int slot, String port) {
        this.block = block;
        this.slot = slot;
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
        block.settle(slot, result);
    }

    /** The board failed: its progress goes, {@code message} is a line on {@code err}. */
    void failed(java.io.PrintWriter err, String message) {
        block.settle(slot, err, message);
    }

    private void draw(String step) {
        block.show(slot, LiveLine.bar(share) + "  " + port + ": " + step);
    }
}
