package jgrad.examples.cli;

import java.util.Locale;

/**
 * Range checks of numeric options, each throwing a {@link BadOptionException} that names the option, the
 * value given and the range expected: {@code --lr NaN: expected a positive finite number}. Commands call
 * them first thing, before they read data or start training, so that a typo costs nothing.
 */
public final class OptionCheck {

    private OptionCheck() {}

    /** {@code value} itself, if it is at least {@code min}. */
    public static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw bad(option, value, "expected at least " + min);
        }
        return value;
    }

    /** {@code value} itself, if {@code min <= value <= max}; {@code why} explains the bound, or is empty. */
    public static long inRange(String option, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw bad(option, value, "expected " + min + " to " + max + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        return value;
    }

    /** {@code value} itself, if it is finite and above 0. */
    public static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(option, value, "expected a positive finite number");
        }
        return value;
    }

    /** {@code value} itself, if it is finite and at least 0. */
    public static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw bad(option, value, "expected a finite number at least 0");
        }
        return value;
    }

    /** {@code value} itself, if {@code min <= value < max}, or {@code <= max} when {@code maxIncluded}. */
    public static double inRange(String option, double value, double min, double max, boolean maxIncluded) {
        if (!(value >= min && (maxIncluded ? value <= max : value < max))) {
            throw bad(option, value, "expected " + number(min) + " <= value " + (maxIncluded ? "<= " : "< ") + number(max));
        }
        return value;
    }

    /** {@code value} itself, if {@code min < value <= max}. */
    public static double aboveAtMost(String option, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw bad(option, value, "expected " + number(min) + " < value <= " + number(max));
        }
        return value;
    }

    /** An exception saying {@code <option> <value>: <expected>}. */
    public static BadOptionException bad(String option, Object value, String expected) {
        String shown = value instanceof Double d ? number(d) : String.valueOf(value);
        return new BadOptionException(option + " " + shown + ": " + expected);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.0f", d) : Double.toString(d);
    }
}
