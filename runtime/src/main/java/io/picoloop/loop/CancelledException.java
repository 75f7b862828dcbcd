package io.picoloop.loop;

/**
 * Thrown at a task's await point after {@link Task#cancel()} (asyncio's CancelledError).
 * It unwinds the task so that its {@code finally} blocks run; catching it and carrying on
 * is allowed but the cancellation is delivered only once.
 */
public class CancelledException extends RuntimeException {
    /** What asked for the cancellation: {@link #BY_CANCEL} or a {@code waitFor} scope. */
    final transient Object reason;

    static final Object BY_CANCEL = new Object();

    public CancelledException(String message) {
        this(message, BY_CANCEL);
    }

    CancelledException(String message, Object reason) {
        super(message);
        this.reason = reason;
    }
}
