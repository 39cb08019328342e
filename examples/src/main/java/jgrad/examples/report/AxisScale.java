package jgrad.examples.report;

import java.util.Arrays;

/**
 * The range and tick labels of a plot axis fitted to its data: a small margin around the values,
 * rounded out to a round step, with every tick label given the same number of decimals. An accuracy
 * going from 0.971 to 0.978 gets the axis 0.970 to 0.980, not 0 to 1, where it would be a flat line.
 *
 * @param min      the lower end of the axis
 * @param max      the upper end
 * @param step     the round step the ends are multiples of (1, 2, 2.5 or 5 times a power of ten)
 * @param decimals the decimals that show that step exactly
 */
record AxisScale(double min, double max, double step, int decimals) {

    /** Ticks wanted along an axis; the step is the round number nearest to a fifth of the range. */
    private static final int TICKS = 5;

    /**
     * The axis for {@code values} (NaNs ignored), kept within [{@code lowest}, {@code highest}] (use
     * infinities for no bound), and at least {@code minimumSpan} wide so that a constant series does not
     * sit on a degenerate axis.
     *
     * @throws IllegalArgumentException if no value is finite
     */
    static AxisScale fit(double[] values, double lowest, double highest, double minimumSpan) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("plot: no finite value to scale an axis to, got " + Arrays.toString(values));
        }
        double lo = Arrays.stream(finite).min().getAsDouble();
        double hi = Arrays.stream(finite).max().getAsDouble();
        double span = Math.max(hi - lo, Math.max(minimumSpan, 1e-12));
        double middle = (lo + hi) / 2;
        lo = Math.min(lo, middle - span / 2) - span * 0.1;
        hi = Math.max(hi, middle + span / 2) + span * 0.1;
        double step = roundStep((hi - lo) / TICKS);
        int decimals = decimals(step);
        lo = Math.max(lowest, rounded(Math.floor(lo / step) * step, decimals));
        hi = Math.min(highest, rounded(Math.ceil(hi / step) * step, decimals));
        return new AxisScale(lo, hi, step, decimals);
    }

    /** {@code value} to {@code decimals} places: 0.30000000000000004 is 0.3. */
    private static double rounded(double value, int decimals) {
        return new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The tick-label pattern, e.g. {@code 0.000} for a step of 0.002. */
    String pattern() {
        return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, the one nearest {@code raw} from above. */
    static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 2.5, 5}) {
            if (factor * power >= raw * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** The fewest decimals (at most 8) that write {@code step} exactly. */
    static int decimals(double step) {
        for (int d = 0; d < 8; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * scaled) {
                return d;
            }
        }
        return 8;
    }
}
