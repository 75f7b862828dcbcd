package io.picoloop.cli;

import io.picoloop.config.ConfigException;
import io.picoloop.transport.PortException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr that names the fix, and an exit code a script can test:
 * the stack trace only with {@code PICOLOOP_DEBUG=1}, because a student needs the fix, not the trace.
 */
final class FailureReporter implements IExecutionExceptionHandler {

    /** The board or the link failed: no bridge, device error, timeout, protocol garbage. */
    static final int EXIT_DEVICE = 1;
    /** The command line or the config file is wrong (picocli's own code for usage errors). */
    static final int EXIT_USAGE = 2;
    /** The serial port is missing, busy or not permitted. */
    static final int EXIT_PORT = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable cause = ex;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        OutputsUnconfirmed outputs = outputsUnconfirmed(ex, cause);
        if (outputs != null && outputs != cause) {
            message += "; " + outputs.note();
        }
        int code = switch (cause) {
            case CliFailure f -> f.exitCode();
            case PortException p -> EXIT_PORT;
            case ConfigException c -> EXIT_USAGE;
            case IllegalArgumentException i -> EXIT_USAGE;
            default -> EXIT_DEVICE;
        };
        cmd.getErr().println("picoloop: " + message);
        if ("1".equals(System.getenv("PICOLOOP_DEBUG"))) {
            cause.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    /**
     * The board's failure to confirm {@code off} at the end ({@link Board#close()}), suppressed by
     * the failure that ended the command (try-with-resources), if any.
     */
    private static OutputsUnconfirmed outputsUnconfirmed(Throwable ex, Throwable cause) {
        for (Throwable t = ex; t != null; t = t == cause ? null : t.getCause()) {
            if (t instanceof OutputsUnconfirmed o) {
                return o;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof OutputsUnconfirmed o) {
                    return o;
                }
            }
        }
        return null;
    }
}
