package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sentence-level log-likelihood of a linear chain of tags (Collobert et al. 2011, section 3.3.2),
 * fused: one op per batch of sentences, forward and backward side by side.
 *
 * <p>A tag path y of a sentence of length L scores s(y) = start[y0] + sum_t e[t, y_t] + sum_{t>0}
 * A[y_{t-1}, y_t]; the op gives, per sentence, -log p(gold) = log Z - s(gold), Z the sum of exp(s) over
 * all T^L paths, computed by the forward algorithm. Its gradient is made of the forward-backward
 * marginals: d/de[t, j] = p(y_t = j) - [gold_t = j], d/dstart[j] = p(y_0 = j) - [gold_0 = j] and
 * d/dA[i, j] = sum_t p(y_{t-1} = i, y_t = j) - #(gold steps i -> j).
 *
 * <p>Computed in double and stable, as the scaled forward algorithm (Rabiner 1989): every exponential
 * has its largest term taken out, exp(e[t] - max e[t]) and G = exp(A - max A); the forward vector is
 * normalized to sum 1 after every word, and log Z is the sum of the logs of those scales plus the maxima
 * taken out. A word then costs T exponentials and one logarithm, and each of the three passes (forward,
 * backward, pair marginals) T^2 multiply-adds in contiguous loops, where the same recursion in log space
 * would take T^2 exponentials (for the 92 Brown tags, about 90 times more). It is exact to rounding while
 * the transition scores span less than {@link #MAX_TRANSITION_SPREAD}: every column of G then holds an
 * entry of at least exp(-600), so no scale underflows whatever the emissions. A wider matrix (one
 * transition 600 nats less likely than another, which no training produces) is refused rather than
 * summed inexactly.
 */
final class ChainLikelihood {

    /** The widest range of transition scores the scaled recursion sums exactly (exp(-600) is far above the smallest double). */
    static final double MAX_TRANSITION_SPREAD = 600;

    private ChainLikelihood() {}

    static Tensor negLogLikelihood(Tensor emissions, Tensor transitions, Tensor start, int[] tags, int[] lengths) {
        int tagCount = check(emissions, transitions, start, tags, lengths);
        int n = tags.length;
        double[] e = Elements.doubles(emissions.value());
        double[] a = Elements.doubles(transitions.value());
        double[] s = Elements.doubles(start.value());
        Exponentials g = new Exponentials(a, tagCount);
        // Per token: x = exp(e - max e), the scaled forward and backward vectors, and the forward scale.
        double[] x = new double[n * tagCount];
        double[] alpha = new double[n * tagCount];
        double[] beta = new double[n * tagCount];
        double[] scales = new double[n];
        double[] nll = new double[lengths.length];
        int offset = 0;
        for (int sentence = 0; sentence < lengths.length; sentence++) {
            int length = lengths[sentence];
            double logZ = forward(e, s, g, offset, length, tagCount, x, alpha, scales);
            backward(g, offset, length, tagCount, x, beta, scales);
            nll[sentence] = logZ - pathScore(e, a, s, tags, offset, length, tagCount);
            offset += length;
        }
        INDArray out = array(emissions.dataType(), nll, lengths.length);
        return Tape.result("chainNegLogLikelihood", out, (gradOut, y) -> {
            double[] scale = Elements.doubles(gradOut);
            // The marginals, scaled by each sentence's gradOut, minus the gold path's indicators.
            double[] dE = new double[n * tagCount];
            double[] dStart = new double[tagCount];
            double[] pairSums = new double[tagCount * tagCount];
            double[] w = new double[tagCount];
            int from = 0;
            for (int sentence = 0; sentence < lengths.length; sentence++) {
                double gs = scale[sentence];
                int length = lengths[sentence];
                for (int t = from; t < from + length; t++) {
                    int row = t * tagCount;
                    for (int j = 0; j < tagCount; j++) {
                        dE[row + j] = gs * alpha[row + j] * beta[row + j]; // p(y_t = j)
                    }
                    dE[row + tags[t]] -= gs;
                }
                for (int j = 0; j < tagCount; j++) {
                    dStart[j] += dE[from * tagCount + j];
                }
                // p(y_{t-1} = i, y_t = j) = alpha'_{t-1}[i] G[i, j] x_t[j] beta'_t[j] / c_t: the sum over t of
                // alpha'_{t-1}[i] w_t[j] first, times G[i, j] once at the end.
                for (int t = from + 1; t < from + length; t++) {
                    int row = t * tagCount;
                    for (int j = 0; j < tagCount; j++) {
                        w[j] = gs * x[row + j] * beta[row + j] / scales[t];
                    }
                    int previous = row - tagCount;
                    for (int i = 0; i < tagCount; i++) {
                        double ai = alpha[previous + i];
                        int pair = i * tagCount;
                        for (int j = 0; j < tagCount; j++) {
                            pairSums[pair + j] += ai * w[j];
                        }
                    }
                }
                from += length;
            }
            double[] dA = new double[tagCount * tagCount];
            for (int k = 0; k < dA.length; k++) {
                dA[k] = pairSums[k] * g.exp[k];
            }
            for (int sentence = 0, at = 0; sentence < lengths.length; at += lengths[sentence], sentence++) {
                for (int t = at + 1; t < at + lengths[sentence]; t++) {
                    dA[tags[t - 1] * tagCount + tags[t]] -= scale[sentence];
                }
            }
            emissions.addToGrad(array(emissions.dataType(), dE, n, tagCount));
            transitions.addToGrad(array(transitions.dataType(), dA, tagCount, tagCount));
            start.addToGrad(array(start.dataType(), dStart, tagCount));
        }, emissions, transitions, start);
    }

    /** G = exp(A - max A) and its transpose (for contiguous loops both ways), and max A. */
    private static final class Exponentials {
        final double[] exp;
        final double[] transposed;
        final double max;

        Exponentials(double[] a, int tags) {
            double min = Double.POSITIVE_INFINITY;
            double most = Double.NEGATIVE_INFINITY;
            for (double value : a) {
                min = Math.min(min, value);
                most = Math.max(most, value);
            }
            if (!(most - min <= MAX_TRANSITION_SPREAD)) {
                throw new IllegalArgumentException("chainNegLogLikelihood: transition scores range over [" + min + ", " + most
                        + "]; expected finite scores less than " + MAX_TRANSITION_SPREAD + " apart");
            }
            max = most;
            exp = new double[a.length];
            transposed = new double[a.length];
            for (int i = 0; i < tags; i++) {
                for (int j = 0; j < tags; j++) {
                    exp[i * tags + j] = Math.exp(a[i * tags + j] - max);
                    transposed[j * tags + i] = exp[i * tags + j];
                }
            }
        }
    }

    /**
     * The scaled forward pass of one sentence: fills x, alpha' (alpha'_t[j] = p(y_t = j | words 0..t),
     * summing to 1) and the scales c_t of its tokens; returns log Z.
     */
    private static double forward(double[] e, double[] s, Exponentials g, int offset, int length, int tags, double[] x,
            double[] alpha, double[] scales) {
        int first = offset * tags;
        // The first word in log space (start + emission), so that no sum of two extremes underflows.
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < tags; j++) {
            m = Math.max(m, s[j] + e[first + j]);
        }
        for (int j = 0; j < tags; j++) {
            alpha[first + j] = Math.exp(s[j] + e[first + j] - m);
        }
        double logZ = m + normalize(alpha, first, tags, scales, offset);
        for (int t = offset + 1; t < offset + length; t++) {
            int row = t * tags;
            double eMax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < tags; j++) {
                eMax = Math.max(eMax, e[row + j]);
            }
            for (int j = 0; j < tags; j++) {
                x[row + j] = Math.exp(e[row + j] - eMax);
            }
            int previous = row - tags;
            for (int i = 0; i < tags; i++) {
                double ai = alpha[previous + i];
                int from = i * tags;
                for (int j = 0; j < tags; j++) {
                    alpha[row + j] += ai * g.exp[from + j];
                }
            }
            for (int j = 0; j < tags; j++) {
                alpha[row + j] *= x[row + j];
            }
            logZ += eMax + g.max + normalize(alpha, row, tags, scales, t);
        }
        return logZ;
    }

    /** Divides v[from..from+n) by its sum c, kept as scales[t]; returns log c. */
    private static double normalize(double[] v, int from, int n, double[] scales, int t) {
        double sum = 0;
        for (int k = from; k < from + n; k++) {
            sum += v[k];
        }
        double inverse = 1 / sum;
        for (int k = from; k < from + n; k++) {
            v[k] *= inverse;
        }
        scales[t] = sum;
        return Math.log(sum);
    }

    /**
     * The backward pass with the forward scales: beta'_t[i] = sum_j G[i, j] x_{t+1}[j] beta'_{t+1}[j] / c_{t+1},
     * beta' = 1 at the last word, so that alpha'_t[j] beta'_t[j] = p(y_t = j).
     */
    private static void backward(Exponentials g, int offset, int length, int tags, double[] x, double[] beta, double[] scales) {
        int last = offset + length - 1;
        Arrays.fill(beta, last * tags, (last + 1) * tags, 1);
        for (int t = last - 1; t >= offset; t--) {
            int row = t * tags;
            int next = row + tags;
            double inverse = 1 / scales[t + 1];
            for (int j = 0; j < tags; j++) {
                double yj = x[next + j] * beta[next + j] * inverse;
                int from = j * tags;
                for (int i = 0; i < tags; i++) {
                    beta[row + i] += g.transposed[from + i] * yj;
                }
            }
        }
    }

    private static double pathScore(double[] e, double[] a, double[] s, int[] tags, int offset, int length, int tagCount) {
        double score = s[tags[offset]];
        for (int t = offset; t < offset + length; t++) {
            score += e[t * tagCount + tags[t]];
            if (t > offset) {
                score += a[tags[t - 1] * tagCount + tags[t]];
            }
        }
        return score;
    }

    /** {@code values} (row-major) in a new array of the tape's step memory, of the given type and shape. */
    private static INDArray array(org.nd4j.linalg.api.buffer.DataType type, double[] values, long... shape) {
        INDArray array = Tape.allocate(type, shape);
        Elements.of(array).write(values, 0, values.length);
        return array;
    }

    /** Checks shapes, types, tags and lengths; returns the number of tags T. */
    private static int check(Tensor emissions, Tensor transitions, Tensor start, int[] tags, int[] lengths) {
        String op = "chainNegLogLikelihood";
        Check.rank(op, emissions, 2, "of emissions [tokens, tags]");
        // The op reads and writes its arrays as doubles through Elements, which holds float32 and float64.
        org.nd4j.linalg.api.buffer.DataType type = emissions.dataType();
        if (type != org.nd4j.linalg.api.buffer.DataType.FLOAT && type != org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
            throw new IllegalArgumentException(op + ": expected FLOAT or DOUBLE emissions, got " + type + " "
                    + Check.shape(emissions.shape()));
        }
        Check.sameType(op, emissions, transitions);
        Check.sameType(op, emissions, start);
        long tagCount = emissions.shape()[1];
        if (tagCount < 1 || !Arrays.equals(transitions.shape(), new long[] {tagCount, tagCount})
                || !Arrays.equals(start.shape(), new long[] {tagCount})) {
            throw new IllegalArgumentException(op + ": emissions " + Check.shape(emissions.shape()) + ", transitions "
                    + Check.shape(transitions.shape()) + " and start " + Check.shape(start.shape())
                    + "; expected [tokens, T], [T, T] and [T] with the same T >= 1");
        }
        if (tags.length != emissions.shape()[0]) {
            throw new IllegalArgumentException(op + ": " + tags.length + " tags for emissions of " + emissions.shape()[0]
                    + " tokens; expected one tag per token");
        }
        long total = 0;
        for (int length : lengths) {
            if (length < 1) {
                throw new IllegalArgumentException(op + ": a sentence of length " + length + " in " + Arrays.toString(lengths)
                        + "; expected every length >= 1");
            }
            total += length;
        }
        if (lengths.length == 0 || total != tags.length) {
            throw new IllegalArgumentException(op + ": sentence lengths add up to " + total + " over " + lengths.length
                    + " sentences but there are " + tags.length + " tokens; expected at least one sentence, covering every token");
        }
        for (int t = 0; t < tags.length; t++) {
            if (tags[t] < 0 || tags[t] >= tagCount) {
                throw new IllegalArgumentException(op + ": tag " + tags[t] + " at token " + t + "; expected tags in [0, "
                        + (tagCount - 1) + "]");
            }
        }
        return (int) tagCount;
    }
}
