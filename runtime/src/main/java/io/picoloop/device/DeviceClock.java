package io.picoloop.device;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * Maps the device clock (the bridge's {@code ping} clock, microseconds since it started) onto a
 * host timeline (nanoseconds of {@link DeviceOptions#hostClock()}), NTP style.
 *
 * <p>Each {@code ping} is a sample: sent at host time {@code s}, answered at {@code r}, the device
 * said {@code t}. Assuming the reply was made half way, {@code offset = (s + r) / 2 - t}, with an
 * error of at most half the round trip. The client pings when a pin is first watched and every
 * {@link ClockSync#PING_INTERVAL} while any is watched.
 *
 * <p>Estimate: samples are grouped in buckets of {@link #BUCKET} of host time and each bucket keeps
 * only its sample with the smallest round trip (queueing only ever adds delay, so the fastest
 * sample is the truest). The offset is that of the best sample of the last two buckets. Drift
 * (a Pico crystal is good to some tens of ppm, i.e. a millisecond in under a minute) is the slope
 * of a least-squares line through the kept bucket bests once they span at least
 * {@link #MIN_DRIFT_SPAN}; it is clamped to ±{@value #MAX_DRIFT_PPM} ppm. The mapping is then
 * {@code host = t + offset + drift * (t - t_ref)}. At most {@value #BUCKETS} buckets are kept
 * (about five minutes), so the slope follows temperature.
 *
 * <p>Thread-safe. {@link #reset()} forgets everything (the board restarted: its clock began again).
 */
public final class DeviceClock {

    /** The span of host time whose fastest ping is kept. */
    public static final Duration BUCKET = Duration.ofSeconds(10);
    /** Drift is estimated once the kept samples span this much. */
    public static final Duration MIN_DRIFT_SPAN = Duration.ofSeconds(60);
    static final int BUCKETS = 32;
    static final double MAX_DRIFT_PPM = 1000;

    private record Sample(long hostMid, long deviceNanos, long rtt) {
        long offset() {
            return hostMid - deviceNanos;
        }
    }

    private final ArrayDeque<Sample> buckets = new ArrayDeque<>();
    private long bucketStart;
    private long samples;
    // the current estimate
    private Sample ref;
    private double drift;

    /**
     * Records one ping.
     *
     * @param hostSendNanos    when the request was handed to the transport
     * @param hostReceiveNanos when the reply line arrived
     * @param deviceMicros     the time in the reply
     */
    public synchronized void addSample(long hostSendNanos, long hostReceiveNanos, long deviceMicros) {
        long rtt = hostReceiveNanos - hostSendNanos;
        if (rtt < 0) {
            return;
        }
        Sample s = new Sample(hostSendNanos + rtt / 2, deviceMicros * 1000, rtt);
        samples++;
        Sample last = buckets.peekLast();
        if (last == null || hostSendNanos - bucketStart >= BUCKET.toNanos()) {
            buckets.addLast(s);
            bucketStart = hostSendNanos;
            while (buckets.size() > BUCKETS) {
                buckets.removeFirst();
            }
        } else if (s.rtt() < last.rtt()) {
            buckets.removeLast();
            buckets.addLast(s);
        }
        estimate();
    }

    private void estimate() {
        Sample[] b = buckets.toArray(new Sample[0]);
        Sample best = b[b.length - 1];
        if (b.length >= 2 && b[b.length - 2].rtt() < best.rtt()) {
            best = b[b.length - 2];
        }
        ref = best;
        drift = 0;
        if (b.length >= 3 && b[b.length - 1].deviceNanos() - b[0].deviceNanos() >= MIN_DRIFT_SPAN.toNanos()) {
            double mx = 0, my = 0;
            for (Sample s : b) {
                mx += s.deviceNanos() - best.deviceNanos();
                my += s.offset() - best.offset();
            }
            mx /= b.length;
            my /= b.length;
            double sxy = 0, sxx = 0;
            for (Sample s : b) {
                double dx = s.deviceNanos() - best.deviceNanos() - mx;
                sxy += dx * (s.offset() - best.offset() - my);
                sxx += dx * dx;
            }
            if (sxx > 0) {
                double max = MAX_DRIFT_PPM / 1e6;
                drift = Math.max(-max, Math.min(max, sxy / sxx));
            }
        }
    }

    /** Forgets every sample (the device clock started again). */
    public synchronized void reset() {
        buckets.clear();
        ref = null;
        drift = 0;
    }

    /** True once at least one ping has been recorded since the last reset. */
    public synchronized boolean isCalibrated() {
        return ref != null;
    }

    /** Pings recorded since the client started (across resets). */
    public synchronized long sampleCount() {
        return samples;
    }

    /** The device time mapped onto the host timeline; empty before the first ping. */
    public synchronized OptionalLong toHostNanos(long deviceMicros) {
        if (ref == null) {
            return OptionalLong.empty();
        }
        long dev = deviceMicros * 1000;
        return OptionalLong.of(dev + ref.offset() + Math.round(drift * (dev - ref.deviceNanos())));
    }

    /** The host time mapped onto the device clock (microseconds); empty before the first ping. */
    /**
     * A device time of something that reached the host at {@code arrivalNanos} (an edge, a sample, a
     * reply), on the host timeline: mapped when the clock can, never later than its arrival.
     */
    public long toHostNanos(long deviceMicros, long arrivalNanos) {
        return Math.min(arrivalNanos, toHostNanos(deviceMicros).orElse(arrivalNanos));
    }

    public synchronized OptionalLong toDeviceMicros(long hostNanos) {
        if (ref == null) {
            return OptionalLong.empty();
        }
        // host = dev + off + drift * (dev - ref)  =>  dev = (host - off + drift * ref) / (1 + drift)
        double dev = (hostNanos - ref.offset() + drift * ref.deviceNanos()) / (1 + drift);
        return OptionalLong.of(Math.round(dev / 1000));
    }

    /** Half the round trip of the sample in use: the error bound of the offset (empty before the first ping). */
    public synchronized Duration uncertainty() {
        return ref == null ? Duration.ZERO : Duration.ofNanos(ref.rtt() / 2);
    }

    /** The estimated drift of the device clock against the host's, in ppm (0 until enough span). */
    public synchronized double driftPpm() {
        return -drift * 1e6;
    }

    @Override
    public synchronized String toString() {
        return ref == null ? "DeviceClock[no sample]" : String.format("DeviceClock[offset %d ns ±%d us, drift %.1f ppm, %d pings]",
                ref.offset(), ref.rtt() / 2000, -drift * 1e6, samples);
    }
}
