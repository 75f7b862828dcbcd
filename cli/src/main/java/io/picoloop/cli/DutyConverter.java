package io.picoloop.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A PWM duty as people write it: a percentage ({@code 25%}, {@code 12.5%}) or a fraction of full
 * on ({@code 0.25}), the share of each period the pin is high, 0 to 1. A bare whole number other
 * than 0 is refused, naming both readings: {@code --duty 25} is a quarter far more often than 25
 * times full on, and {@code 1} could be 1% as well as always on. The board's own scale (0-65535,
 * MicroPython's duty_u16) is the API's affair, not something to type.
 */
final class DutyConverter implements ITypeConverter<Double> {

    /** How a duty is written, for option descriptions. */
    static final String FORMS = "a percentage (25%) or a fraction (0.25), 0 to 100%";

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern FRACTION = Pattern.compile("\\d*\\.\\d+|\\d+\\.|0+");

    @Override
    public Double convert(String value) {
        String v = value.strip();
        Matcher percent = PERCENT.matcher(v);
        double duty;
        if (percent.matches()) {
            duty = Double.parseDouble(percent.group(1)) / 100;
        } else if (FRACTION.matcher(v).matches()) {
            duty = Double.parseDouble(v);
        } else if (v.matches("\\d+")) {
            throw new TypeConversionException("'" + value + "' has no %: write " + v + "% for " + v
                    + " percent" + (v.equals("1") ? ", or 1.0 for always on" : ""));
        } else {
            throw new TypeConversionException("'" + value + "' is not a duty; write " + FORMS);
        }
        if (duty > 1) {
            throw new TypeConversionException("'" + value + "' is more than always on: use 0 to 100% (0 to 1.0)");
        }
        return duty;
    }

    /** A duty as the commands print it: {@code 25%}, {@code 12.5%}. */
    static String text(double duty) {
        double percent = duty * 100;
        return (percent == Math.rint(percent) ? String.format("%.0f", percent) : String.format("%.1f", percent)) + "%";
    }
}
