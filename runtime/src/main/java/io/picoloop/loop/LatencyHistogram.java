package io.picoloop.loop;

/**
 * Log-linear histogram of nanosecond values (16 sub-buckets per power of two, so about
 * 6 % resolution) with exact count, max and mean. Small and allocation-free on record.
 */
public final class LatencyHistogram {
    private static final int SUB = 16;
    private final long[] counts = new long[64 * SUB];
    private long count;
    private long max;
    private double sum;

    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        count++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    public long count() {
        return count;
    }

    public long max() {
        return max;
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** Upper bound of the bucket holding the {@code p}-th percentile (0..100). */
    public long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * count);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    public LatencyHistogram copy() {
        LatencyHistogram h = new LatencyHistogram();
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        h.count = count;
        h.max = max;
        h.sum = sum;
        return h;
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);           // >= 4
        int sub = (int) (v >>> (exp - 4)) & (SUB - 1);
        return (exp - 3) * SUB + sub;
    }

    private static long upperBound(int i) {
        if (i < SUB) {
            return i;
        }
        int exp = i / SUB + 3;
        long sub = i % SUB;
        return ((SUB + sub + 1) << (exp - 4)) - 1;
    }

    @Override
    public String toString() {
        return String.format("n=%d mean=%.1fus p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus",
                count, mean() / 1e3, percentile(50) / 1e3, percentile(90) / 1e3, percentile(99) / 1e3,
                percentile(99.9) / 1e3, max / 1e3);
    }
}
