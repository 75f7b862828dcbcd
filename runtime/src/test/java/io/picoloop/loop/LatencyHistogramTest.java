package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreWithinBucketResolution() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1000L);
        }
        assertEquals(1000, h.count());
        assertEquals(1_000_000, h.max());
        long p99 = h.percentile(99);
        assertTrue(p99 >= 990_000 && p99 <= 990_000 * 1.07, "p99=" + p99);
        long p50 = h.percentile(50);
        assertTrue(p50 >= 500_000 && p50 <= 500_000 * 1.07, "p50=" + p50);
    }
}
