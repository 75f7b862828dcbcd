package io.picoloop.device;

import java.util.OptionalLong;

/**
 * What a {@code write} or {@code toggle} did: the level the pin now drives and when, on the device
 * clock, it took that level (read by the bridge right after setting the pin; the same clock as
 * {@code ping} and {@link Edge#deviceMicros()}, so a reaction time is a plain difference with no
 * USB latency in it).
 *
 * @param level        the level the output drives now (true: high)
 * @param deviceMicros the device time of the change, microseconds since the bridge started; empty
 *                     when the bridge does not send it (firmware before 0.2.0 answers a bare
 *                     {@code ok})
 */
public record PinWrite(boolean level, OptionalLong deviceMicros) {

    public PinWrite {
        java.util.Objects.requireNonNull(deviceMicros, "deviceMicros");
    }

    /** True when the bridge said when the pin changed. */
    public boolean timed() {
        return deviceMicros.isPresent();
    }
}
