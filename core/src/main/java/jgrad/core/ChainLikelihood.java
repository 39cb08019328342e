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
 * <p>Computed in double, in log space and stable: every sum of exponentials has its largest term taken
 * out. A step of the recursion, alpha_t[j] = e[t, j] + log sum_i exp(alpha_{t-1}[i] + A[i, j]), is done as a
 * matrix-vector product with exp(A[i, j] - max_i A[i, j]) (computed once per call) and the vector
 * exp(alpha_{t-1} - max alpha_{t-1}), so it costs T exponentials and T^2 multiply-adds instead of T^2
 * exponentials (for the 92 Brown tags, about 90 times fewer). That is exact to rounding while every
 * column and row of A spans less than {@link #MAX_TRANSITION_SPREAD}: the largest term of each sum is then
 * at least exp(-600), far from underflow. A wider matrix (a transition 600 nats less likely than
 * another, which no training produces) is refused rather than summed inexactly.
 */
final class ChainLikelihood {

    /** The widest range of transition scores the fast recursion sums exactly (exp(-600) is far above the smallest double). */
    static final double MAX_TRANSITION_SPREAD = 600;

    private ChainLikelihood() {}

    static Tensor negLogLikelihood(Tensor emissions, Tensor transitions, Tensor start, int[] tags, int[] lengths) {
        int tagCount = check(emissions, transitions, start, tags, lengths);
        int n = tags.length;
        double[] e = doubles(emissions.value());
        double[] a = doubles(transitions.value());
        double[] s = doubles(start.value());
        Exponentials exps = new Exponentials(a, tagCount);
        double[] alpha = new double[n * tagCount];
        double[] beta = new double[n * tagCount];
        double[] logZ = new double[lengths.length];
        double[] nll = new double[lengths.length];
        double[] scratch = new double[tagCount];
        int offset = 0;
        for (int sentence = 0; sentence < lengths.length; sentence++) {
            int length = lengths[sentence];
            forward(e, s, exps, offset, length, tagCount, alpha, scratch);
            backward(e, exps, offset, length, tagCount, beta, scratch);
            logZ[sentence] = logSumExp(alpha, (offset + length - 1) * tagCount, tagCount);
            nll[sentence] = logZ[sentence] - pathScore(e, a, s, tags, offset, length, tagCount);
            offset += length;
        }
        INDArray out = Tape.allocate(emissions.dataType(), lengths.length);
        Elements.of(out).write(nll, 0, nll.length);
        return Tape.result("chainNegLogLikelihood", out, (g, y) -> {
            double[] gradOut = doubles(g);
            // The marginals, scaled by each sentence's gradOut, minus the gold path's indicators.
            double[] dE = new double[n * tagCount];
            double[] dStart = new double[tagCount];
            double[] pairSums = new double[tagCount * tagCount];
            double[] dA = new double[tagCount * tagCount];
            double[] u = new double[tagCount];
            double[] v = new double[tagCount];
            int from = 0;
            for (int sentence = 0; sentence < lengths.length; sentence++) {
                double scale = gradOut[sentence];
                int length = lengths[sentence];
                for (int t = from; t < from + length; t++) {
                    for (int j = 0; j < tagCount; j++) {
                        int at = t * tagCount + j;
                        dE[at] = scale * Math.exp(alpha[at] + beta[at] - logZ[sentence]);
                    }
                    dE[t * tagCount + tags[t]] -= scale;
                }
                for (int j = 0; j < tagCount; j++) {
                    dStart[j] += dE[from * tagCount + j];
                }
                // p(y_{t-1} = i, y_t = j) = exp(alpha_{t-1}[i] + A[i, j] + e[t, j] + beta_t[j] - log Z), factored as
                // c u_i exp(A[i, j] - max A) v_j, each factor at most 1 and c at most exp(spread of A).
                for (int t = from + 1; t < from + length; t++) {
                    double uMax = shiftedExp(alpha, (t - 1) * tagCount, tagCount, null, 0, u);
                    double vMax = shiftedExp(e, t * tagCount, tagCount, beta, t * tagCount, v);
                    double c = scale * Math.exp(uMax + vMax + exps.max - logZ[sentence]);
                    for (int i = 0; i < tagCount; i++) {
                        double cu = c * u[i];
                        int row = i * tagCount;
                        for (int j = 0; j < tagCount; j++) {
                            pairSums[row + j] += cu * v[j];
                        }
                    }
                    dA[tags[t - 1] * tagCount + tags[t]] -= scale;
                }
                from += length;
            }
            for (int k = 0; k < dA.length; k++) {
                dA[k] += pairSums[k] * exps.global[k];
            }
            accumulate(emissions, dE);
            accumulate(transitions, dA);
            accumulate(start, dStart);
        }, emissions, transitions, start);
    }

    /** exp(A - max) by column, by row and over the whole matrix, with the maxima: what the recursions multiply by. */
    private static final class Exponentials {
        final double[] byColumn;
        final double[] columnMax;
        final double[] byRow;
        final double[] rowMax;
        final double[] global;
        final double max;

        Exponentials(double[] a, int tags) {
            columnMax = new double[tags];
            rowMax = new double[tags];
            Arrays.fill(columnMax, Double.NEGATIVE_INFINITY);
            Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
            double min = Double.POSITIVE_INFINITY;
            double most = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < tags; i++) {
                for (int j = 0; j < tags; j++) {
                    double x = a[i * tags + j];
                    columnMax[j] = Math.max(columnMax[j], x);
                    rowMax[i] = Math.max(rowMax[i], x);
                    min = Math.min(min, x);
                    most = Math.max(most, x);
                }
            }
            if (!(most - min <= MAX_TRANSITION_SPREAD)) {
                throw new IllegalArgumentException("chainNegLogLikelihood: transition scores range over [" + min + ", " + most
                        + "]; expected finite scores less than " + MAX_TRANSITION_SPREAD + " apart");
            }
            max = most;
            byColumn = new double[a.length];
            byRow = new double[a.length];
            global = new double[a.length];
            for (int i = 0; i < tags; i++) {
                for (int j = 0; j < tags; j++) {
                    int at = i * tags + j;
                    byColumn[at] = Math.exp(a[at] - columnMax[j]);
                    byRow[at] = Math.exp(a[at] - rowMax[i]);
                    global[at] = Math.exp(a[at] - max);
                }
            }
        }
    }

    /** alpha_t[j] = log of the summed exp(score) of the paths of tokens offset..t that end in tag j. */
    private static void forward(double[] e, double[] s, Exponentials exps, int offset, int length, int tags, double[] alpha,
            double[] p) {
        for (int j = 0; j < tags; j++) {
            alpha[offset * tags + j] = s[j] + e[offset * tags + j];
        }
        for (int t = offset + 1; t < offset + length; t++) {
            double m = shiftedExp(alpha, (t - 1) * tags, tags, null, 0, p);
            for (int j = 0; j < tags; j++) {
                double sum = 0;
                for (int i = 0; i < tags; i++) {
                    sum += p[i] * exps.byColumn[i * tags + j];
                }
                alpha[t * tags + j] = e[t * tags + j] + m + exps.columnMax[j] + Math.log(sum);
            }
        }
    }

    /** beta_t[i] = log of the summed exp(score) of the continuations t+1..end of a path in tag i at t. */
    private static void backward(double[] e, Exponentials exps, int offset, int length, int tags, double[] beta, double[] q) {
        int last = offset + length - 1;
        Arrays.fill(beta, last * tags, (last + 1) * tags, 0);
        for (int t = last - 1; t >= offset; t--) {
            double m = shiftedExp(e, (t + 1) * tags, tags, beta, (t + 1) * tags, q);
            for (int i = 0; i < tags; i++) {
                double sum = 0;
                int row = i * tags;
                for (int j = 0; j < tags; j++) {
                    sum += exps.byRow[row + j] * q[j];
                }
                beta[t * tags + i] = m + exps.rowMax[i] + Math.log(sum);
            }
        }
    }

    /**
     * out[k] = exp(x[k] - m) for x = a[from..from+n) (plus b[bFrom..bFrom+n) when b is given), m its
     * maximum; returns m.
     */
    private static double shiftedExp(double[] a, int from, int n, double[] b, int bFrom, double[] out) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            out[k] = a[from + k] + (b == null ? 0 : b[bFrom + k]);
            m = Math.max(m, out[k]);
        }
        for (int k = 0; k < n; k++) {
            out[k] = Math.exp(out[k] - m);
        }
        return m;
    }

    private static double logSumExp(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = from; k < from + n; k++) {
            m = Math.max(m, x[k]);
        }
        double sum = 0;
        for (int k = from; k < from + n; k++) {
            sum += Math.exp(x[k] - m);
        }
        return m + Math.log(sum);
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

    private static void accumulate(Tensor input, double[] grad) {
        input.accumulateGrad((target, add) -> {
            Elements elements = Elements.of(target);
            if (add) {
                double[] sum = new double[grad.length];
                elements.read(0, sum, sum.length);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += grad[k];
                }
                elements.write(sum, 0, sum.length);
            } else {
                elements.write(grad, 0, grad.length);
            }
        });
    }

    /** A copy of the elements in row-major order, as doubles. */
    private static double[] doubles(INDArray x) {
        return Elements.supports(x) ? read(x) : x.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    }

    private static double[] read(INDArray x) {
        double[] out = new double[Math.toIntExact(x.length())];
        Elements.of(x).read(0, out, out.length);
        return out;
    }

    /** Checks shapes, types, tags and lengths; returns the number of tags T. */
    private static int check(Tensor emissions, Tensor transitions, Tensor start, int[] tags, int[] lengths) {
        String op = "chainNegLogLikelihood";
        Check.rank(op, emissions, 2, "of emissions [tokens, tags]");
        Check.floatingPoint(op, emissions);
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
