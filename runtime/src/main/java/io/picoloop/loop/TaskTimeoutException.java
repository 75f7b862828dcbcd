package io.picoloop.loop;

/** {@link Async#waitFor} ran out of time; the body was cancelled and its cleanup has run. */
public class TaskTimeoutException extends RuntimeException {
    public TaskTimeoutException(String message) {
        super(message);
    }
}
