package io.picoloop.device;

import java.time.Duration;

/**
 * A {@code ping} answer.
 *
 * @param deviceMicros the device clock, microseconds since the bridge started
 * @param roundTrip    from handing the request to the transport to the reply's arrival
 */
public record PingResult(long deviceMicros, Duration roundTrip) {
}
