package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviceClockTest {

    @Test
    void theFastestPingWins() {
        DeviceClock c = new DeviceClock();
        assertFalse(c.isCalibrated());
        assertTrue(c.toHostNanos(0).isEmpty());
        long offset = 7_000_000_000L; // host = device + 7 s
        // a slow ping whose reply was queued: its midpoint is 4 ms late
        c.addSample(offset + 1_000_000_000L, offset + 1_010_000_000L, 1_001_000);
        assertEquals(Duration.ofMillis(5), c.uncertainty());
        // a fast, symmetric one
        c.addSample(offset + 2_000_000_000L, offset + 2_000_400_000L, 2_000_200);
        assertEquals(offset + 3_000_000_000L, c.toHostNanos(3_000_000).getAsLong());
        assertEquals(3_000_000, c.toDeviceMicros(offset + 3_000_000_000L).getAsLong());
        assertEquals(Duration.ofNanos(200_000), c.uncertainty());
        c.reset();
        assertFalse(c.isCalibrated());
    }

    @Test
    void driftIsFollowedWithinAMillisecondOverTenMinutes() {
        DeviceClock c = new DeviceClock();
        Random r = new Random(4);
        double ppm = 40; // the device clock runs 40 ppm fast
        long offset = 123_456_789_000L;
        for (long host = 0; host < 600_000_000_000L; host += 2_000_000_000L) {
            long up = 100_000 + r.nextInt(2_000_000); // USB: 0.1 to 2.1 ms each way
            long down = 100_000 + r.nextInt(2_000_000);
            long devNanos = Math.round((host + up) * (1 + ppm / 1e6));
            c.addSample(offset + host, offset + host + up + down, devNanos / 1000);
        }
        assertEquals(ppm, c.driftPpm(), 5);
        long host = 620_000_000_000L;
        long dev = Math.round(host * (1 + ppm / 1e6)) / 1000;
        long mapped = c.toHostNanos(dev).getAsLong();
        assertEquals(offset + host, mapped, 1_000_000, "within 1 ms, 20 s after the last ping");
    }
}
