package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * softmax and logSoftmax along an axis, and the fused cross-entropy of logits against class labels.
 *
 * <p>All three start from the same stable pieces: the maximum m along the axis is subtracted first, so
 * that exp(x - m) never overflows and its sum is at least 1; logSoftmax is then (x - m) - log(sum(exp(x -
 * m))), exact to a few ulps for entries any finite distance below the maximum, where log(softmax(x))
 * would underflow to -inf. libnd4j's softmax, log_softmax and their backward kernels are not used: in
 * ND4J 1.0.0-M2.1 log_softmax is the log of a softmax (float32 [0, -110, -120] gives -inf), and float64
 * softmax along the last axis of two or more rows gives NaN when a whole row lies far below 0.
 */
final class Softmax {

    private Softmax() {}

    /** x - m, exp(x - m) and its sum along an axis, the sum and m shaped like x with that axis of size 1. */
    private record Exponentials(INDArray shifted, INDArray exp, INDArray sums) {}

    private static Exponentials exponentials(INDArray x, int axis) {
        long[] kept = keptShape(x.shape(), axis);
        INDArray max = Tape.allocate(x.dataType(), kept);
        Nd4j.exec(new Max(x, max, axis));
        INDArray shifted = Tape.allocate(x.dataType(), x.shape());
        Kernels.sub(x, max, shifted);
        INDArray exp = Tape.allocate(x.dataType(), x.shape());
        Kernels.strict(Kernels.Strict.EXP, shifted, exp);
        INDArray sums = max; // m is no longer needed: its buffer takes the sums
        if (x.rank() == 2 && axis == 1) {
            // Row sums as exp x ones [classes, 1], straight in BLAS: the hot case of large cross-entropies, and without
            // the reduction op's Java garbage (about 5 KB a call: MemorySoakTest's step makes 31 KB with it, 26 KB without).
            Gemm.gemm(exp, false, Tape.onesRow(x.dataType(), x.size(1)), true, sums, 0.0);
        } else {
            Nd4j.exec(new Sum(exp, sums, axis));
        }
        return new Exponentials(shifted, exp, sums);
    }

    static Tensor softmax(Tensor x, int axis) {
        Check.floatingPoint("softmax", x);
        int ax = Check.axis("softmax", x, axis);
        Exponentials e = exponentials(x.value(), ax);
        INDArray out = e.exp(); // exp(x - m) is needed no more: normalized in place, it is the output
        Kernels.div(out, e.sums(), out);
        // dx = y * (g - sum(g * y, axis))
        return Tape.result("softmax", out, (g, y) -> x.accumulateGrad(t -> {
            Kernels.mul(g, y, t);
            INDArray dot = Tape.allocate(y.dataType(), keptShape(y.shape(), ax));
            Nd4j.exec(new Sum(t, dot, ax));
            Kernels.sub(g, dot, t);
            Kernels.mul(t, y, t);
        }), x);
    }

    static Tensor logSoftmax(Tensor x, int axis) {
        Check.floatingPoint("logSoftmax", x);
        int ax = Check.axis("logSoftmax", x, axis);
        Exponentials e = exponentials(x.value(), ax);
        INDArray logSums = e.sums();
        Kernels.strict(Kernels.Strict.LOG, logSums, logSums);
        INDArray out = Tape.allocate(x.dataType(), x.shape());
        Kernels.sub(e.shifted(), logSums, out);
        // dx = g - softmax(x) * sum(g, axis), with softmax(x) = exp(y)
        return Tape.result("logSoftmax", out, (g, y) -> x.accumulateGrad(t -> {
            INDArray gradSums = Tape.allocate(y.dataType(), keptShape(y.shape(), ax));
            Nd4j.exec(new Sum(g, gradSums, ax));
            Kernels.strict(Kernels.Strict.EXP, y, t);
            Kernels.mul(t, gradSums, t);
            Kernels.sub(g, t, t);
        }), x);
    }

    /**
     * Mean over the batch of -log softmax(logits)[i, labels[i]] = log(sum_j exp(x_ij - m_i)) - (x_i,label -
     * m_i). The label's term is gathered, never masked: a one-hot mask times a log-probability is 0 * -inf
     * = NaN once the log-probability underflows. Sums and the mean are taken in double. Its gradient is
     * (softmax(logits) - onehot(labels)) / batch, softmax taken as exp(x - m) / sum.
     *
     * <p>The labels are read once (and kept for the backward, so they may change after the call). Up to
     * {@link #JAVA_PASS_LIMIT} logits, the shift, the sums and the normalization are plain Java loops over a
     * copy of the rows around one native exp, and the backward is one more loop: 12.7 us forward and
     * backward for [128, 10], against 32.5 us through libnd4j's reduction, broadcasting subtraction and
     * division (thread CPU time), which larger logits still take. The softmax is kept rounded to the
     * logits' type; in the Java passes the loss and the normalization are computed in double.
     */
    static Tensor crossEntropy(Tensor logits, INDArray labels) {
        return crossEntropy(logits, labels, JAVA_PASS_LIMIT);
    }

    /**
     * Elements of logits up to which crossEntropy works in Java passes over a copy of them; larger
     * matrices (a language model's [512, 14114]) go through libnd4j's kernels, whose fixed cost per call
     * no longer matters there, and need no copy of millions of elements on the Java heap.
     */
    static final long JAVA_PASS_LIMIT = 1 << 16;

    /** {@link #crossEntropy(Tensor, INDArray)}, with Java passes up to {@code javaPassLimit} elements (tests compare the paths). */
    static Tensor crossEntropy(Tensor logits, INDArray labels, long javaPassLimit) {
        Check.rank("crossEntropy", logits, 2, "of logits [batch, classes]");
        Check.floatingPoint("crossEntropy", logits);
        int batch = Math.toIntExact(logits.shape()[0]);
        int classes = Math.toIntExact(logits.shape()[1]);
        int[] labelOf = checkedLabels(labels, batch, classes);
        INDArray x = logits.value();
        if ((long) batch * classes > javaPassLimit) {
            return byKernels(logits, labelOf);
        }
        if (!Elements.supports(x)) {
            x = x.dup('c'); // a view: its rows are read in place once copied
        }
        // p = exp(x - m), then normalized in place: the softmax, which the backward reads. Each pass copies
        // the whole matrix at once: row by row, the copies cost more than the arithmetic.
        INDArray p = Tape.allocate(x.dataType(), x.shape());
        int n = batch * classes;
        double[] values = new double[n];
        Elements.readAll(x, values, n);
        double total = 0;
        for (int i = 0, at = 0; i < batch; i++, at += classes) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = at; j < at + classes; j++) {
                m = Math.max(m, values[j]);
            }
            for (int j = at; j < at + classes; j++) {
                values[j] -= m;
            }
            total -= values[at + labelOf[i]];
        }
        Elements.writeAll(values, p, n);
        Kernels.strict(Kernels.Strict.EXP, p, p);
        Elements.readAll(p, values, n);
        for (int i = 0, at = 0; i < batch; i++, at += classes) {
            double sum = 0;
            for (int j = at; j < at + classes; j++) {
                sum += values[j];
            }
            total += Math.log(sum);
            double inverse = 1 / sum;
            for (int j = at; j < at + classes; j++) {
                values[j] *= inverse;
            }
        }
        Elements.writeAll(values, p, n);
        INDArray out = Tape.allocate(logits.dataType());
        out.data().put(0, total / batch);
        return Tape.result("crossEntropy", out, (g, y) -> logits.accumulateGrad(t -> {
            double scale = g.getDouble(0) / batch;
            Elements.readAll(p, values, n); // the forward is done with its copy
            for (int j = 0; j < n; j++) {
                values[j] *= scale;
            }
            for (int i = 0; i < batch; i++) {
                values[i * classes + labelOf[i]] -= scale;
            }
            Elements.writeAll(values, t, n);
        }), logits);
    }

    /**
     * The same loss and gradient from libnd4j's kernels: the stable exponentials (row max, shift, exp, row
     * sums), the label's term gathered in Java, and for the backward exp / sums scaled, minus the scale
     * at each label.
     */
    private static Tensor byKernels(Tensor logits, int[] labelOf) {
        int batch = labelOf.length;
        long classes = logits.shape()[1];
        Exponentials e = exponentials(logits.value(), 1);
        double total = 0;
        for (int i = 0; i < batch; i++) {
            total += Math.log(e.sums().data().getDouble(i)) - e.shifted().data().getDouble(i * classes + labelOf[i]);
        }
        INDArray out = Tape.allocate(logits.dataType());
        out.data().put(0, total / batch);
        return Tape.result("crossEntropy", out, (g, y) -> logits.accumulateGrad(t -> {
            double scale = g.getDouble(0) / batch;
            Kernels.div(e.exp(), e.sums(), t);
            Kernels.affine(t, scale, 0, t);
            for (int i = 0; i < batch; i++) {
                long at = i * classes + labelOf[i];
                t.data().put(at, t.data().getDouble(at) - scale);
            }
        }), logits);
    }

    /** The labels as ints, after checking their type, their shape and that each names one of the classes. */
    private static int[] checkedLabels(INDArray labels, int batch, int classes) {
        if (labels == null || labels.dataType().isFPType() || !labels.dataType().isNumerical()) {
            throw new IllegalArgumentException("crossEntropy: labels must be an integer array of class indices, got "
                    + (labels == null ? "null" : labels.dataType()));
        }
        if (labels.rank() != 1 || labels.length() != batch) {
            throw new IllegalArgumentException("crossEntropy: labels of shape " + Arrays.toString(labels.shape())
                    + " do not match logits of batch " + batch + "; expected [" + batch + "]");
        }
        boolean whole = Check.isWholeBuffer(labels);
        int[] labelOf = new int[batch];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < batch; i++) {
            long label = Check.indexAt(labels, i, whole);
            min = Math.min(min, label);
            max = Math.max(max, label);
            labelOf[i] = (int) label;
        }
        if (min < 0 || max >= classes) {
            throw new IllegalArgumentException("crossEntropy: labels range over [" + min + ", " + max + "] but logits have "
                    + classes + " classes; expected labels in [0, " + (classes - 1) + "]");
        }
        return labelOf;
    }

    /** The shape with {@code axis} of size 1: what a reduction along it broadcasts back from. */
    private static long[] keptShape(long[] shape, int axis) {
        long[] kept = shape.clone();
        kept[axis] = 1;
        return kept;
    }
}
