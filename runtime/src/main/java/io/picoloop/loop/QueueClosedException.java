package io.picoloop.loop;

/** {@link BoundedQueue#put} on a closed queue, or {@link BoundedQueue#get} on a closed, drained one. */
public class QueueClosedException extends IllegalStateException {
    public QueueClosedException(String message) {
        super(message);
    }
}
