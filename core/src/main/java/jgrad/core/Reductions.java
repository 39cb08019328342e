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

    /** The shape without axis {@code ax}. */
    private static long[] without(long[] shape, int ax) {
        long[] reduced = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != ax) {
                reduced[j++] = shape[i];
            }
        }
        return reduced;
    }

    private static Tensor reduceAxis(String op, Tensor x, int axis, boolean mean) {
        int ax = Check.axis(op, x, axis);
        long[] in = x.shape();
        long[] reduced = without(in, ax);
        long[] kept = in.clone();
        kept[ax] = 1;
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
     * The largest element of each slice along {@code axis}, which the result drops: in row-major order
     * the slices are runs of rows (x as [outer * n, inner]), so this is {@link #segmentMax} with every
     * run n rows long.
     */
    static Tensor max(Tensor x, int axis) {
        Check.floatingPoint("max", x);
        int ax = Check.axis("max", x, axis);
        long[] in = x.shape();
        if (in[ax] == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of " + java.util.Arrays.toString(in)
                    + " is empty; expected at least one element to choose from");
        }
        long outer = 1;
        long inner = 1;
        for (int i = 0; i < in.length; i++) {
            if (i < ax) {
                outer *= in[i];
            } else if (i > ax) {
                inner *= in[i];
            }
        }
        int[] runs = new int[Math.toIntExact(outer)];
        java.util.Arrays.fill(runs, Math.toIntExact(in[ax]));
        return segmentMax(x.reshape(outer * in[ax], inner), runs).reshape(without(in, ax));
    }

    /**
     * For x [rows, ...] cut into consecutive runs of {@code lengths[s]} rows, the elementwise largest row
     * of each run: [lengths.length, ...]. The gradient is routed, not shared: each result's gradient goes
     * to the element that was chosen, the first of its run on a tie (so the input's gradient sums to the
     * output's). A Java pass over the elements, which records the chosen rows for the backward.
     */
    static Tensor segmentMax(Tensor x, int[] lengths) {
        Check.floatingPoint("segmentMax", x);
        long[] in = x.shape();
        if (in.length < 1) {
            throw new IllegalArgumentException("segmentMax: expected rows [rows, ...], got a scalar");
        }
        long total = 0;
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] < 1) {
                throw new IllegalArgumentException("segmentMax: run " + s + " has " + lengths[s]
                        + " rows; expected at least one row to choose from in every run");
            }
            total += lengths[s];
        }
        if (total != in[0]) {
            throw new IllegalArgumentException("segmentMax: runs of " + total + " rows in all for x " + java.util.Arrays.toString(in)
                    + "; expected them to cover its " + in[0] + " rows");
        }
        int width = Math.toIntExact(x.value().length() / Math.max(1, in[0]));
        long[] shape = in.clone();
        shape[0] = lengths.length;
        double[] values = Elements.doubles(x.value());
        double[] best = new double[lengths.length * width];
        int[] chosen = new int[best.length]; // the flat index of each result's element in x
        int row = 0;
        for (int s = 0; s < lengths.length; s++) {
            int first = row * width;
            for (int c = 0; c < width; c++) {
                chosen[s * width + c] = first + c;
            }
            for (int r = 1; r < lengths[s]; r++) {
                int at = (row + r) * width;
                for (int c = 0; c < width; c++) {
                    if (values[at + c] > values[chosen[s * width + c]]) {
                        chosen[s * width + c] = at + c;
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                best[s * width + c] = values[chosen[s * width + c]];
            }
            row += lengths[s];
        }
        INDArray out = Tape.allocate(x.dataType(), shape);
        Elements.writeAll(best, out, best.length);
        int size = values.length; // the backward keeps the chosen indices only, not a copy of x
        return Tape.result("segmentMax", out, (g, y) -> x.accumulateGrad((target, accumulate) -> {
            double[] grad = new double[size];
            if (accumulate) {
                Elements.readAll(target, grad, grad.length);
            }
            double[] gradOut = Elements.doubles(g);
            for (int i = 0; i < chosen.length; i++) {
                grad[chosen[i]] += gradOut[i];
            }
            Elements.writeAll(grad, target, grad.length);
        }), x);
    }
}
