package io.picoloop.cli;

import io.picoloop.device.DeviceOptions;
import io.picoloop.protocol.Protocol;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. A bare number
 * other than 0 is refused, naming both readings: {@code --duration 5} meant 5 s far more often than
 * the 5 ms it once was taken for. At most {@link #MAX}: more is a typo, and the commands add a duration to a nanosecond
 * clock, which a few hundred years would overflow.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    /** The longest {@code --duration}. */
    static final Duration MAX = Duration.ofDays(365);
    /** {@link #MAX} as a user writes it, for messages and option descriptions. */
    static final String MAX_TEXT = "8760h (365 days)";

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** A duration for a message: {@code 1 s}, {@code 500 ms}. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d == null || d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is too long: the most is " + MAX_TEXT);
        }
        return d;
    }

    /** {@code --keepalive}: 0 (off) or the bridge's range ({@link Protocol#KEEPALIVE_MIN_MS} to {@link Protocol#KEEPALIVE_MAX_MS}). */
    static final class Keepalive implements ITypeConverter<Duration> {
        /** The range as a user writes it, "0 (off) or 100ms to 10m" (a constant, for --help; the maximum is whole minutes). */
        static final String RANGE = "0 (off) or " + Protocol.KEEPALIVE_MIN_MS + "ms to " + Protocol.KEEPALIVE_MAX_MS / 60_000 + "m";

        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d == null || !DeviceOptions.isValidKeepalive(d)) {
                throw new TypeConversionException("'" + value + "' is out of range: use " + RANGE);
            }
            return d;
        }
    }

    /** The duration; null when it is too long to be one (more than Long.MAX_VALUE seconds). */
    private static Duration parse(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 10s, 2m or 1h");
        }
        String unit = m.group(2);
        if (unit == null) {
            if (m.group(1).chars().allMatch(c -> c == '0')) {
                return Duration.ZERO; // the same in every unit
            }
            throw new TypeConversionException("'" + value + "' has no unit: write " + m.group(1) + "s for seconds or "
                    + m.group(1) + "ms for milliseconds");
        }
        try {
            return Duration.of(Long.parseLong(m.group(1)), switch (unit) {
                case "ms" -> ChronoUnit.MILLIS;
                case "s" -> ChronoUnit.SECONDS;
                case "m" -> ChronoUnit.MINUTES;
                default -> ChronoUnit.HOURS;
            });
        } catch (NumberFormatException | ArithmeticException tooMany) {
            return null;
        }
    }
}
