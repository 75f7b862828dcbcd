package io.picoloop.loop;

/** Carries a checked exception out of a task or awaited stage; the original is the cause. */
public class TaskFailedException extends RuntimeException {
    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
