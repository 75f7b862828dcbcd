package io.picoloop.cli;

/** A failure the CLI explains itself: one line naming the fix, and the exit code to end with. */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
