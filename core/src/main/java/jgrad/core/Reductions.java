package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/** sum and mean, over all elements or along one axis (which the result drops), and the max along one axis. */
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

    /**
     * The largest element of each slice along {@code axis}, which the result drops. The gradient is
     * routed, not shared: each result's gradient goes to the element that was chosen, the first of the
     * slice on a tie (so the input's gradient sums to the output's). A Java pass over the elements, which
     * also records the chosen positions for the backward.
     */
    static Tensor max(Tensor x, int axis) {
        Check.floatingPoint("max", x);
        int ax = Check.axis("max", x, axis);
        long[] in = x.shape();
        if (in[ax] == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + java.util.Arrays.toString(in)
                    + " is empty; expected at least one element to choose from");
        }
        long[] reduced = new long[in.length - 1];
        long outer = 1;
        long inner = 1;
        for (int i = 0, j = 0; i < in.length; i++) {
            if (i != ax) {
                reduced[j++] = in[i];
            }
            if (i < ax) {
                outer *= in[i];
            } else if (i > ax) {
                inner *= in[i];
            }
        }
        int n = Math.toIntExact(in[ax]);
        int slices = Math.toIntExact(outer * inner);
        double[] values = Elements.doubles(x.value());
        double[] best = new double[slices];
        int[] chosen = new int[slices]; // the flat index of each slice's largest element
        for (int o = 0, s = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++, s++) {
                int at = Math.toIntExact((long) o * n * inner + i);
                int pick = at;
                for (int k = 1; k < n; k++) {
                    int candidate = at + k * (int) inner;
                    if (values[candidate] > values[pick]) {
                        pick = candidate;
                    }
                }
                chosen[s] = pick;
                best[s] = values[pick];
            }
        }
        INDArray out = Tape.allocate(x.dataType(), reduced);
        Elements.writeAll(best, out, slices);
        return Tape.result("max", out, (g, y) -> x.accumulateGrad((target, accumulate) -> {
            double[] grad = new double[values.length];
            if (accumulate) {
                Elements.readAll(target, grad, grad.length);
            }
            double[] gradOut = Elements.doubles(g);
            for (int s = 0; s < slices; s++) {
                grad[chosen[s]] += gradOut[s];
            }
            Elements.writeAll(grad, target, grad.length);
        }), x);
    }
}
