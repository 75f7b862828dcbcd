package io.picoloop.pi4j;

import com.pi4j.io.exception.IOException;

/**
 * A Pi4J {@link IOException}: the address asked for is not a GPIO this Pico can offer (the board
 * refused it, or it is not in the free pins the board reported). The message names the board and
 * its free pins.
 */
public class PicoPinException extends IOException {

    public PicoPinException(String message) {
        super(message);
    }
}
