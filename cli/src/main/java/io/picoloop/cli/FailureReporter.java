package io.picoloop.cli;

import io.picoloop.loop.TaskFailedException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a failure into one line on stderr that names the fix, and an exit code a script can test
 * ({@link ExitCode}): the stack trace only with {@code PICOLOOP_DEBUG=1}, because a student needs
 * the fix, not the trace.
 * A command line picocli cannot parse is one line too (its message and where the help is), not the
 * message followed by the whole usage.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** How a command's last line says a failure stopped it; the failure's own line follows on stderr. */
    static final String STOPPED = "stopped by a board or link failure";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable cause = ex;
        // a checked exception from a program's task arrives wrapped (TaskFailedException)
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof TaskFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                + programLine(cause);
        OutputsUnconfirmed outputs = outputsUnconfirmed(ex, cause);
        if (outputs != null && outputs != cause) {
            message += "; " + outputs.note();
        }
        int code = cmd.getExitCodeExceptionMapper().getExitCode(cause);     // ExitCode.of
        cmd.getErr().println("picoloop: " + message);
        if ("1".equals(System.getenv("PICOLOOP_DEBUG"))) {
            cause.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    /**
     * picocli's message ("Invalid value for option '--period': 'abc' is not a whole number"), a "did you
     * mean" when picocli has a suggestion, and the command whose help lists the options.
     */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = oneLine(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());     // "Error: --on=MS, --duty=PERCENT are mutually exclusive"
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> suggestions = u.getSuggestions();
            message += " (did you mean " + orList(suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
        }
        cmd.getErr().println("picoloop: " + message + "; see " + cmd.getCommandSpec().qualifiedName() + " --help");
        if ("1".equals(System.getenv("PICOLOOP_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return cmd.getExitCodeExceptionMapper().getExitCode(ex);
    }

    /**
     * The board's failure to confirm {@code off} at the end ({@link ConnectedBoard#close()}), suppressed by
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

    /**
     * " (NullPointerException at Lab.java:12)" for a failure thrown in a user's program: the
     * first frame outside picoloop, the JDK and picocli. Empty for picoloop's own failures.
     */
    static String programLine(Throwable t) {
        if (t.getClass().getName().startsWith("io.picoloop.")) {
            return "";      // its message says what failed
        }
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (!(c.startsWith("io.picoloop.") || c.startsWith("java.") || c.startsWith("jdk.")
                    || c.startsWith("sun.") || c.startsWith("picocli."))) {
                return " (" + t.getClass().getSimpleName() + " at " + (f.getFileName() == null ? c : f.getFileName())
                        + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "") + ")";
            }
        }
        return "";
    }

    /** "a", "a or b", "a, b or c". */
    static String orList(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
    }

    private static String oneLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
    }
}
