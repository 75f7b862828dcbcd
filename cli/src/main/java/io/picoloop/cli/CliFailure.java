package io.picoloop.cli;

/** A failure the CLI explains itself: one line naming the fix, and the exit code to end with. */
final class CliFailure extends RuntimeException {

    private final ExitCode exitCode;

    CliFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
