package io.picoloop.install;

/**
 * Thrown by an {@link Installer}'s progress listener at a step to stop the install there (Ctrl-C
 * during {@code install --all}). The installer restarts a board it had in the raw REPL before it
 * passes this on, so the board runs what its files say: the old bridge, the new one, or the REPL.
 */
public final class InstallCancelled extends RuntimeException {

    public InstallCancelled() {
        super("stopped before it was done", null, false, false);
    }
}
