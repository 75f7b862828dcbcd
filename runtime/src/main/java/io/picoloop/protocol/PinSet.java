package io.picoloop.protocol;

import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/** The free-GPIO ranges of a {@code hello} reply, e.g. {@code 0-22,25-28}. */
public final class PinSet {

    private PinSet() {
    }

    /**
     * @throws IllegalArgumentException when the text is not comma-separated numbers and ranges
     */
    public static Set<Integer> parse(String ranges) {
        Set<Integer> pins = new TreeSet<>();
        if (ranges.isBlank()) {
            return Set.of();
        }
        for (String part : ranges.split(",")) {
            String[] ends = part.strip().split("-", -1);
            try {
                int lo = Integer.parseInt(ends[0]);
                int hi = ends.length == 2 ? Integer.parseInt(ends[1]) : lo;
                if (ends.length > 2 || lo < 0 || hi < lo || hi > 1000) {
                    throw new NumberFormatException();
                }
                for (int p = lo; p <= hi; p++) {
                    pins.add(p);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a pin range: \"" + LineCodec.describe(part) + "\"");
            }
        }
        return Set.copyOf(pins);
    }

    /** {@code [0..22, 25..28]} → {@code 0-22,25-28}. */
    public static String format(Set<Integer> pins) {
        BitSet bits = new BitSet();
        pins.forEach(bits::set);
        StringBuilder sb = new StringBuilder();
        for (int lo = bits.nextSetBit(0); lo >= 0; ) {
            int hi = bits.nextClearBit(lo) - 1;
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(lo);
            if (hi > lo) {
                sb.append('-').append(hi);
            }
            lo = bits.nextSetBit(hi + 1);
        }
        return sb.toString();
    }
}
