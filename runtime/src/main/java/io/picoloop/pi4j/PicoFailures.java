package io.picoloop.pi4j;

import com.pi4j.io.exception.IOException;

/** Turns a {@link PicoPort.Failure} into the Pi4J exception a Pi4J program expects. */
final class PicoFailures {

    private PicoFailures() {
    }

    /**
     * @param what   what was being done, e.g. {@code "set DOUT-25 HIGH"}
     * @param where  the board, e.g. {@code /dev/ttyACM0}
     */
    static IOException toPi4j(PicoPort.Failure f, String what, String where) {
        String msg = "picoloop: cannot " + what + " on the Pico at " + where + ": " + f.getMessage();
        return switch (f.kind) {
            case PIN -> new PicoPinException(msg);
            case RANGE -> new PicoConfigException(msg);
            case LINK -> new PicoLinkException(msg
                    + " (is the board still plugged in? create a new Pi4J context once it is back)", f);
            case MODE, DEVICE -> new IOException(msg, f);
        };
    }
}
