package io.picoloop.loop;

/** The body of a task that produces a result; may throw, like a Python coroutine. */
@FunctionalInterface
public interface TaskBody<T> {
    T call() throws Exception;
}
