package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/** softmax and logSoftmax along an axis, and the fused cross-entropy of logits against class labels. */
final class Softmax {

    private Softmax() {}

    static Tensor softmax(Tensor x, int axis) {
        int ax = Check.axis("softmax", x, axis);
        INDArray out = Tape.allocate(x.dataType(), x.shape());
        Kernels.custom("softmax", new INDArray[] {x.value()}, new INDArray[] {out}, ax);
        // dx = y * (g - sum(g * y, axis))
        return Tape.result("softmax", out, (g, y) -> x.accumulateGrad(
                t -> Kernels.custom("softmax_bp", new INDArray[] {x.value(), g}, new INDArray[] {t}, ax)), x);
    }

    static Tensor logSoftmax(Tensor x, int axis) {
        int ax = Check.axis("logSoftmax", x, axis);
        INDArray out = Tape.allocate(x.dataType(), x.shape());
        Kernels.custom("log_softmax", new INDArray[] {x.value()}, new INDArray[] {out}, ax);
        // dx = g - softmax(x) * sum(g, axis)
        return Tape.result("logSoftmax", out, (g, y) -> x.accumulateGrad(
                t -> Kernels.custom("log_softmax_bp", new INDArray[] {x.value(), g}, new INDArray[] {t}, ax)), x);
    }

    /**
     * Mean over the batch of -log softmax(logits)[i, labels[i]]. With m_i the row's largest logit,
     * s_i = sum_j exp(logits[i, j] - m_i), the loss of row i is log s_i - (logits[i, labels[i]] - m_i), so
     * large logits cannot overflow. Its gradient is (softmax(logits) - onehot(labels)) / batch, and
     * softmax(logits)[i, j] = exp(logits[i, j] - m_i) / s_i reuses the forward's exponentials.
     *
     * <p>Fused for speed: a language model's softmax over 14,000 words makes this the costliest op of a
     * step, and four passes over the logits (max, subtract, exp, sum) and one in the backward (scale)
     * cost a third of libnd4j's log_softmax followed by a one-hot product; the label entries are read and
     * corrected one per row.
     */
    static Tensor crossEntropy(Tensor logits, INDArray labels) {
        Check.rank("crossEntropy", logits, 2, "of logits [batch, classes]");
        long batch = logits.shape()[0];
        long classes = logits.shape()[1];
        checkLabels(labels, batch, classes);
        DataType type = logits.dataType();
        INDArray x = logits.value();
        INDArray rowMax = Tape.allocate(type, batch);
        Nd4j.exec(new Max(x, rowMax, 1));
        INDArray shifted = Tape.allocate(type, logits.shape());
        // libnd4j's broadcasting subtract: the legacy BroadcastSubOp is ten times slower on this shape.
        Kernels.sub(x, rowMax.reshape(batch, 1), shifted);
        INDArray exps = Tape.allocate(type, logits.shape());
        Nd4j.exec(new Exp(shifted, exps));
        INDArray sums = Tape.allocate(type, batch);
        Nd4j.exec(new Sum(exps, sums, 1));
        long[] label = new long[(int) batch];
        double loss = 0;
        for (int i = 0; i < batch; i++) {
            label[i] = labels.getLong(i);
            loss += Math.log(sums.getDouble(i)) - shifted.getDouble(i, label[i]);
        }
        INDArray out = Tape.allocate(type);
        out.assign(loss / batch);
        return Tape.result("crossEntropy", out, (g, y) -> logits.accumulateGrad(t -> {
            double scale = g.getDouble(0) / batch;
            // t[i, j] = scale * exps[i, j] / sums[i], then scale less at each row's label.
            INDArray rowScale = Tape.allocate(type, batch);
            Nd4j.exec(new ScalarReverseDivision(sums, null, rowScale, scale));
            Kernels.mul(exps, rowScale.reshape(batch, 1), t);
            for (int i = 0; i < batch; i++) {
                t.putScalar(i, label[i], t.getDouble(i, label[i]) - scale);
            }
        }), logits);
    }

    private static void checkLabels(INDArray labels, long batch, long classes) {
        if (labels == null || labels.dataType().isFPType() || !labels.dataType().isNumerical()) {
            throw new IllegalArgumentException("crossEntropy: labels must be an integer array of class indices, got "
                    + (labels == null ? "null" : labels.dataType()));
        }
        if (labels.rank() != 1 || labels.length() != batch) {
            throw new IllegalArgumentException("crossEntropy: labels of shape " + Arrays.toString(labels.shape())
                    + " do not match logits of batch " + batch + "; expected [" + batch + "]");
        }
        long[] range = Check.range(labels);
        long min = range[0];
        long max = range[1];
        if (min < 0 || max >= classes) {
            throw new IllegalArgumentException("crossEntropy: labels range over [" + min + ", " + max + "] but logits have "
                    + classes + " classes; expected labels in [0, " + (classes - 1) + "]");
        }
    }
}
