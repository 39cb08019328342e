package jgrad.examples.lm;

/**
 * The paper's mixture of two models: the average of their probabilities, p = (p_a + p_b) / 2, computed
 * from log-probabilities as log p = m + log((e^(a - m) + e^(b - m)) / 2) with m = max(a, b), so that
 * tiny probabilities do not underflow.
 */
public final class Mixture {

    private Mixture() {}

    /** The log of the averaged probabilities, element by element. */
    public static double[] average(double[] logA, double[] logB) {
        if (logA.length != logB.length) {
            throw new IllegalArgumentException("mixture: " + logA.length + " and " + logB.length
                    + " log-probabilities; expected one of each model per token");
        }
        double[] out = new double[logA.length];
        for (int i = 0; i < out.length; i++) {
            double m = Math.max(logA[i], logB[i]);
            out[i] = m + Math.log((Math.exp(logA[i] - m) + Math.exp(logB[i] - m)) / 2);
        }
        return out;
    }
}
