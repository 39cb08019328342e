package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/** sum and mean, over all elements or along one axis (which the result drops). */
final class Reductions {

    private Reductions() {}

    static Tensor sum(Tensor x) {
        return reduceAll("sum", x, 1.0);
    }

    static Tensor mean(Tensor x) {
        return reduceAll("mean", x, 1.0 / x.value().length());
    }

    static Tensor sum(Tensor x, int axis) {
        return reduceAxis("sum", x, axis, false);
    }

    static Tensor mean(Tensor x, int axis) {
        return reduceAxis("mean", x, axis, true);
    }

    /** scale * the sum of all elements, as a scalar. */
    private static Tensor reduceAll(String op, Tensor x, double scale) {
        INDArray out = Tape.allocate(x.dataType());
        Nd4j.exec(new Sum(x.value(), out));
        if (scale != 1) {
            Kernels.affine(out, scale, 0, out);
        }
        // Every element receives the output's gradient, times scale.
        return Tape.result(op, out, (g, y) -> x.accumulateGrad((t, acc) -> {
            double share = g.getDouble(0) * scale;
            if (acc) {
                t.addi(share);
            } else {
                t.assign(share);
            }
        }), x);
    }

    private static Tensor reduceAxis(String op, Tensor x, int axis, boolean mean) {
        int ax = Check.axis(op, x, axis);
        long[] in = x.shape();
        long[] reduced = new long[in.length - 1];
        long[] kept = in.clone();
        kept[ax] = 1;
        for (int i = 0, j = 0; i < in.length; i++) {
            if (i != ax) {
                reduced[j++] = in[i];
            }
        }
        double scale = mean ? 1.0 / in[ax] : 1.0;
        INDArray out = Tape.allocate(x.dataType(), reduced);
        Nd4j.exec(new Sum(x.value(), out, ax));
        if (mean) {
            Kernels.affine(out, scale, 0, out);
        }
        // Each element receives the gradient of its slice's result: g broadcast back along the axis.
        return Tape.result(op, out, (g, y) -> x.accumulateGrad(t -> {
            Kernels.broadcastAssign(g.reshape('c', kept), t);
            if (mean) {
                Kernels.affine(t, scale, 0, t);
            }
        }), x);
    }
}
