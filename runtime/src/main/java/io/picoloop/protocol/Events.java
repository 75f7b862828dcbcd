package io.picoloop.protocol;

import java.util.List;

/**
 * The host's catalogue of events ({@code ! <kind> ...}, docs/protocol.md, "Events"): one typed
 * decoder per kind. Each throws a {@link ProtocolException} naming the line when its fields are not
 * what the protocol says. The kinds' words are {@link DeviceEvent}'s.
 */
public final class Events {

    /** {@code ! edge <pin> <level> <t_us> <seq>}: a watched input's debounced edge. */
    public record EdgeEvent(int gpio, boolean level, long micros, long seq) {
    }

    /** {@code ! lost <count> <seq>}: events the device dropped. */
    public record LostEvent(long count, long seq) {
    }

    /** {@code ! sample <input> <value> <t_us> <seq>}: a stream's sample of an analog input. */
    public record SampleEvent(AdcInput input, int value, long micros, long seq) {
    }

    private Events() {
    }

    public static boolean isEdge(DeviceEvent e) {
        return e.kind().equals(DeviceEvent.EDGE);
    }

    public static boolean isLost(DeviceEvent e) {
        return e.kind().equals(DeviceEvent.LOST);
    }

    public static boolean isSample(DeviceEvent e) {
        return e.kind().equals(DeviceEvent.SAMPLE);
    }

    /** True for the events that carry a sequence number: {@code edge}, {@code sample}, {@code lost}. */
    public static boolean isSequenced(DeviceEvent e) {
        return isEdge(e) || isSample(e) || isLost(e);
    }

    public static boolean isBoot(DeviceEvent e) {
        return e.kind().equals(DeviceEvent.BOOT);
    }

    public static boolean isExpired(DeviceEvent e) {
        return e.kind().equals(DeviceEvent.EXPIRED);
    }

    /**
     * The sequence number of an {@code edge}, {@code sample} or {@code lost} event, read on its own:
     * it counts (a gap is a gap) even when the rest of the event is malformed. The three share one
     * sequence.
     */
    public static long seq(DeviceEvent e) {
        try {
            return Long.parseLong(e.fields().get(isLost(e) ? 1 : 3));
        } catch (NumberFormatException | IndexOutOfBoundsException bad) {
            throw malformed(e);
        }
    }

    public static EdgeEvent edge(DeviceEvent e) {
        List<String> f = e.fields();
        try {
            String level = f.get(1);
            if (!level.equals("0") && !level.equals("1")) {
                throw malformed(e);
            }
            int gpio = Integer.parseInt(f.get(0));
            if (gpio < 0) {
                throw malformed(e);
            }
            return new EdgeEvent(gpio, level.equals("1"), Long.parseLong(f.get(2)), Long.parseLong(f.get(3)));
        } catch (NumberFormatException | IndexOutOfBoundsException bad) {
            throw malformed(e);
        }
    }

    public static SampleEvent sample(DeviceEvent e) {
        List<String> f = e.fields();
        try {
            AdcInput input = AdcInput.parse(f.get(0)).orElseThrow(() -> malformed(e));
            int value = Integer.parseInt(f.get(1));
            long micros = Long.parseLong(f.get(2));
            if (value < 0 || value > Protocol.ADC_VALUE_MAX || micros < 0 || f.size() != 4) {
                throw malformed(e);
            }
            return new SampleEvent(input, value, micros, Long.parseLong(f.get(3)));
        } catch (NumberFormatException | IndexOutOfBoundsException bad) {
            throw malformed(e);
        }
    }

    public static LostEvent lost(DeviceEvent e) {
        List<String> f = e.fields();
        try {
            return new LostEvent(Long.parseLong(f.get(0)), Long.parseLong(f.get(1)));
        } catch (NumberFormatException | IndexOutOfBoundsException bad) {
            throw malformed(e);
        }
    }

    /** {@code ! expired <ms>}: the keepalive period that ran out, as sent ({@code ?} when missing). */
    public static String expiredMs(DeviceEvent e) {
        return e.fields().isEmpty() ? "?" : e.fields().getFirst();
    }

    private static ProtocolException malformed(DeviceEvent e) {
        return new ProtocolException("malformed event \"" + LineCodec.describe(e.encode()) + "\"");
    }
}
