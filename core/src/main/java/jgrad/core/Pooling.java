package jgrad.core;

import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling on NCHW batches without padding. On one thread, for dense float32 or float64 input, the
 * forward is a Java loop that also writes down where each window's maximum lies, so that the backward
 * is a scatter of gradOut into those places; otherwise libnd4j's {@code maxpool2d} and
 * {@code maxpool2d_bp} (which searches every window again) run, with the large kernels' threads.
 *
 * <p>Thread CPU time, one thread, batch 64, 2x2 windows, forward + backward (load ~12 on 2 cores, so
 * +-10%): [64, 20, 24, 24] 1.72 + 0.55 ms here against 0.36 + 2.40 for libnd4j's pair and 0.36 + 1.87 for
 * its forward with a Java backward that searched each window again; [64, 50, 8, 8] 0.60 + 0.18 against
 * 0.09 + 0.73. Searching a window is the cost wherever it happens; here it happens once.
 */
final class Pooling {

    private Pooling() {}

    private static final int NCHW = 0;
    private static final int EXPLICIT_PADDING = 0;

    /** x [batch, c, h, w] → [batch, c, (h - kernel) / stride + 1, (w - kernel) / stride + 1]: the maximum of each window. */
    static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        Check.rank("maxPool2d", x, 4, "[batch, channels, height, width]");
        long[] xs = x.shape();
        if (kernel < 1 || stride < 1 || kernel > xs[2] || kernel > xs[3]) {
            throw new IllegalArgumentException("maxPool2d: kernel " + kernel + " and stride " + stride
                    + " must be >= 1, and the kernel must fit the input " + Check.shape(xs));
        }
        long outH = (xs[2] - kernel) / stride + 1;
        long outW = (xs[3] - kernel) / stride + 1;
        INDArray out = Tape.allocate(x.dataType(), xs[0], xs[1], outH, outW);
        // The Java loop runs on one thread; with more for large kernels, libnd4j's gets them.
        if (Threads.large() == 1 && Elements.supports(x.value())) {
            INDArray argmax = Tape.allocate(DataType.INT, xs[0], xs[1], outH, outW);
            maxPoolForward(x.value(), out, argmax, kernel, stride);
            return Tape.result("maxPool2d", out, (g, y) -> x.accumulateGrad((target, accumulate) -> {
                INDArray dense = Elements.supports(g) ? g : g.dup('c');
                if (Elements.supports(target)) {
                    scatterToMaxima(dense, argmax, target, accumulate);
                } else { // a gradient buffer jgrad did not allocate: through a dense temporary
                    INDArray contribution = Tape.allocate(target.dataType(), target.shape());
                    scatterToMaxima(dense, argmax, contribution, false);
                    Kernels.add(target, contribution, target);
                }
            }), x);
        }
        int[] args = {kernel, kernel, stride, stride, 0, 0, 1, 1, EXPLICIT_PADDING, 0, NCHW};
        Threads.large("maxpool2d", xs, () -> Kernels.custom("maxpool2d", new INDArray[] {x.value()}, new INDArray[] {out}, args));
        return Tape.result("maxPool2d", out, (g, y) -> x.accumulateGrad(t -> Threads.large("maxpool2d_bp", xs,
                () -> Kernels.custom("maxpool2d_bp", new INDArray[] {x.value(), g}, new INDArray[] {t}, args))), x);
    }

    /**
     * out = the maximum of each window of a dense row-major x, and argmax = its index within its plane
     * (row h, column w at h width + w): the first maximum in row-major order, as libnd4j's
     * {@code maxpool2d_bp} sends a tied window's gradient to its first maximum.
     */
    static void maxPoolForward(INDArray x, INDArray out, INDArray argmax, int kernel, int stride) {
        long[] xs = x.shape();
        int h = (int) xs[2];
        int w = (int) xs[3];
        int outH = (int) out.size(2);
        int outW = (int) out.size(3);
        int windows = outH * outW;
        long planes = xs[0] * xs[1];
        Elements input = Elements.of(x);
        Elements output = Elements.of(out);
        IntBuffer places = ints(argmax);
        double[] plane = new double[h * w];
        double[] maxima = new double[windows];
        int[] where = new int[windows];
        for (int p = 0; p < planes; p++) {
            input.read(p * h * w, plane, h * w);
            maximaOfPlane(plane, w, kernel, stride, outH, outW, maxima, where);
            output.write(maxima, p * windows, windows);
            places.put(p * windows, where, 0, windows);
        }
    }

    /**
     * maxima and where = the maximum of each window of one plane [h, w] and its index in the plane, a row
     * of windows at a time: each offset within the window is compared for the whole row at once, so the
     * comparisons of neighbouring windows do not wait for each other.
     */
    private static void maximaOfPlane(double[] plane, int w, int kernel, int stride, int outH, int outW, double[] maxima,
            int[] where) {
        for (int i = 0; i < outH; i++) {
            int row = i * outW;
            int top = i * stride * w;
            for (int j = 0; j < outW; j++) {
                where[row + j] = top + j * stride;
                maxima[row + j] = plane[top + j * stride];
            }
            for (int a = 0; a < kernel; a++) {
                for (int b = 0; b < kernel; b++) {
                    int offset = top + a * w + b;
                    for (int j = 0; j < outW; j++) {
                        int at = offset + j * stride;
                        double v = plane[at];
                        double max = maxima[row + j];
                        // Arithmetic, not a branch, which mispredicts about once a window on real data: the
                        // sign of max - v (+ 0 turns -0 into +0) is set exactly when v > max, so the first of
                        // tied maxima stays.
                        long above = Double.doubleToRawLongBits(max - v + 0.0) >> 63; // all ones or all zeros
                        where[row + j] += (int) above & (at - where[row + j]);
                        maxima[row + j] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & above
                                | Double.doubleToRawLongBits(max) & ~above);
                    }
                }
            }
        }
    }

    /**
     * target (+)= d loss / d x of max pooling, for dense row-major g [batch, c, outH, outW] and target
     * [batch, c, h, w]: each window's gradient goes to the place {@link #maxPoolForward} wrote down
     * (overlapping windows that share a maximum both add to it).
     */
    static void scatterToMaxima(INDArray g, INDArray argmax, INDArray target, boolean accumulate) {
        long[] ts = target.shape();
        int planeSize = (int) (ts[2] * ts[3]);
        int windows = (int) (g.size(2) * g.size(3));
        long planes = ts[0] * ts[1];
        Elements gradOut = Elements.of(g);
        Elements gradIn = Elements.of(target);
        IntBuffer places = ints(argmax);
        double[] gradOutPlane = new double[windows];
        double[] gradInPlane = new double[planeSize];
        int[] where = new int[windows];
        for (int p = 0; p < planes; p++) {
            gradOut.read(p * windows, gradOutPlane, windows);
            places.get(p * windows, where, 0, windows);
            if (accumulate) {
                gradIn.read(p * planeSize, gradInPlane, planeSize);
            } else {
                java.util.Arrays.fill(gradInPlane, 0);
            }
            for (int j = 0; j < windows; j++) {
                gradInPlane[where[j]] += gradOutPlane[j];
            }
            gradIn.write(gradInPlane, p * planeSize, planeSize);
        }
    }

    /** The int32 elements of a dense array of indices. */
    private static IntBuffer ints(INDArray argmax) {
        if (argmax.dataType() != DataType.INT || !Gemm.isCompact(argmax)) {
            throw new IllegalArgumentException("maxPool2d: the places of the maxima must be a compact int32 array, got "
                    + argmax.shapeInfoToString());
        }
        return argmax.data().asNioInt().position((int) argmax.offset()).slice();
    }
}
