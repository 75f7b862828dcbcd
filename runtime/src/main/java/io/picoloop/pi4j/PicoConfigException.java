package io.picoloop.pi4j;

import com.pi4j.io.exception.IOException;

/**
 * A Pi4J {@link IOException}: the I/O config asks for something the Pico cannot do, e.g. a
 * debounce longer than the board's 1 s. Thrown by {@code create} before the board is touched.
 */
public class PicoConfigException extends IOException {

    public PicoConfigException(String message) {
        super(message);
    }
}
