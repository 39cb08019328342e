package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
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
     * Mean over the batch of -log softmax(logits)[i, labels[i]], computed from log-softmax so that large
     * logits cannot overflow. Its gradient is (softmax(logits) - onehot(labels)) / batch.
     */
    static Tensor crossEntropy(Tensor logits, INDArray labels) {
        Check.rank("crossEntropy", logits, 2, "of logits [batch, classes]");
        long batch = logits.shape()[0];
        long classes = logits.shape()[1];
        checkLabels(labels, batch, classes);
        INDArray logProbs = Tape.allocate(logits.dataType(), logits.shape());
        Kernels.custom("log_softmax", new INDArray[] {logits.value()}, new INDArray[] {logProbs}, 1);
        INDArray oneHot = Tape.allocate(logits.dataType(), logits.shape());
        Kernels.custom("onehot", new INDArray[] {labels}, new INDArray[] {oneHot}, -1, (int) classes);
        INDArray picked = Tape.allocate(logits.dataType(), logits.shape());
        Kernels.mul(oneHot, logProbs, picked);
        INDArray out = Tape.allocate(logits.dataType());
        Nd4j.exec(new Sum(picked, out));
        Kernels.affine(out, -1.0 / batch, 0, out);
        return Tape.result("crossEntropy", out, (g, y) -> logits.accumulateGrad(t -> {
            Nd4j.exec(new Exp(logProbs, t));
            Kernels.sub(t, oneHot, t);
            Kernels.affine(t, g.getDouble(0) / batch, 0, t);
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
