package io.picoloop.pi4j;

import com.pi4j.io.exception.IOException;

/**
 * A Pi4J {@link IOException}: a Pico pin could not be driven or read because the link to the
 * board is gone (port unplugged, board reset, no reply in time). The message names the port and
 * the I/O instance.
 */
public class PicoLinkException extends IOException {

    public PicoLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
