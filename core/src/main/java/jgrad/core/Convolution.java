package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution on NCHW batches, run by libnd4j (with oneDNN where the build has it).
 * Weights are laid out [outChannels, inChannels, kernelHeight, kernelWidth], as in PyTorch. When the
 * input needs no gradient (a first layer's images) and has few channels, the backward computes the
 * weight and bias gradients alone instead of calling {@code conv2d_bp}, which always computes all three.
 */
final class Convolution {

    private Convolution() {}

    private static final int NCHW = 0;
    private static final int OIHW = 1; // libnd4j's weight format code for [out, in, kH, kW]
    private static final int EXPLICIT_PADDING = 0;

    /**
     * Input channels up to which {@link #weightGradient} beats {@code conv2d_bp} for an input that needs
     * no gradient. By thread CPU time, one thread, batch 64, 5x5 kernels, against conv2d_bp computing all
     * three gradients: 1x28x28 to 20 channels 2.3 ms against 8.1, 2x28x28 3.8 against 7.5, 3x32x32 to 20
     * 8.3 against 11.4, but 6x14x14 to 16 2.0 against 1.2 and 20x12x12 to 50 even (5.45); im2col, most of
     * the cost, grows with the channels while oneDNN's data gradient stays cheap.
     */
    static final long WEIGHT_GRADIENT_ALONE_MAX_CHANNELS = 3;

    /**
     * x [batch, inC, h, w], weight [outC, inC, kH, kW], optional bias [outC] →
     * [batch, outC, (h + 2 padding - kH) / stride + 1, (w + 2 padding - kW) / stride + 1].
     */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        Check.rank("conv2d", x, 4, "[batch, channels, height, width]");
        Check.rank("conv2d", weight, 4, "of weights [outChannels, inChannels, kernelHeight, kernelWidth]");
        Check.sameType("conv2d", x, weight);
        long[] xs = x.shape();
        long[] ws = weight.shape();
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Check.shape(xs) + " has " + xs[1]
                    + " channels but the weights " + Check.shape(ws) + " expect " + ws[1]);
        }
        if (bias != null) {
            Check.sameType("conv2d", x, bias);
            if (bias.rank() != 1 || bias.shape()[0] != ws[0]) {
                throw new IllegalArgumentException("conv2d: bias " + Check.shape(bias.shape()) + " must be [" + ws[0] + "]");
            }
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: stride " + stride + " must be >= 1 and padding " + padding + " >= 0");
        }
        long outH = (xs[2] + 2L * padding - ws[2]) / stride + 1;
        long outW = (xs[3] + 2L * padding - ws[3]) / stride + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("conv2d: kernel " + ws[2] + "x" + ws[3] + " with padding " + padding
                    + " does not fit the input " + xs[2] + "x" + xs[3]);
        }
        int[] args = {(int) ws[2], (int) ws[3], stride, stride, padding, padding, 1, 1, EXPLICIT_PADDING, NCHW, OIHW};
        INDArray out = Tape.allocate(x.dataType(), xs[0], ws[0], outH, outW);
        INDArray[] inputs = bias == null
                ? new INDArray[] {x.value(), weight.value()}
                : new INDArray[] {x.value(), weight.value(), bias.value()};
        Threads.large("conv2d", xs, () -> Kernels.custom("conv2d", inputs, new INDArray[] {out}, args));
        Tensor[] parents = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tape.result("conv2d", out, (g, y) -> {
            if (!x.requiresGrad() && xs[1] <= WEIGHT_GRADIENT_ALONE_MAX_CHANNELS
                    && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)) {
                if (weight.requiresGrad()) {
                    weightGradient(x.value(), g, weight, args);
                }
                if (bias != null) {
                    bias.accumulateGrad(t -> Kernels.custom("reduce_sum", new INDArray[] {g}, new INDArray[] {t}, 0, 2, 3));
                }
                return;
            }
            INDArray[] grads = new INDArray[parents.length];
            for (int i = 0; i < parents.length; i++) {
                grads[i] = Tape.allocate(parents[i].dataType(), parents[i].shape());
            }
            INDArray[] bpInputs = Arrays.copyOf(inputs, inputs.length + 1);
            bpInputs[inputs.length] = g;
            Threads.large("conv2d_bp", xs, () -> Kernels.custom("conv2d_bp", bpInputs, grads, args));
            for (int i = 0; i < parents.length; i++) {
                parents[i].addToGrad(grads[i]);
            }
        }, parents);
    }

    /**
     * Adds d loss / d weight alone, for an input that needs no gradient (the images, under the first
     * layer), which {@code conv2d_bp} would compute anyway: im2col lays each image's windows out as
     * cols [batch, inC kH kW, outH outW], and dW [outC, inC kH kW] = sum over images of g cols^T.
     */
    static void weightGradient(INDArray x, INDArray g, Tensor weight, int[] args) {
        long[] gs = g.shape();
        long[] ws = weight.shape();
        long windows = gs[2] * gs[3];
        long windowSize = ws[1] * ws[2] * ws[3];
        INDArray cols = Tape.allocate(x.dataType(), gs[0], ws[1], ws[2], ws[3], gs[2], gs[3]);
        im2col(Elements.supports(x) ? x : x.dup('c'), cols, (int) ws[2], (int) ws[3], args[2], args[4]);
        INDArray g3 = g.reshape('c', gs[0], gs[1], windows);
        INDArray cols3 = cols.reshape('c', gs[0], windowSize, windows);
        weight.accumulateGrad((target, accumulate) -> {
            if (!Gemm.isCompact(target)) { // jgrad allocates every gradient so; a reshape of another layout would be a copy
                throw new IllegalStateException("conv2d backward: the weight gradient " + Check.shape(target.shape())
                        + " must be a compact c-ordered array, got strides " + Arrays.toString(target.stride()));
            }
            Gemm.sumOfProductsWithTransposes(g3, cols3, target.reshape('c', ws[0], windowSize), accumulate ? 1.0 : 0.0);
        });
    }

    /**
     * cols [batch, c, kH, kW, outH, outW] = x [batch, c, h, w] at (oh stride + kh - padding, ow stride + kw
     * - padding), 0 outside, for a dense row-major x: libnd4j's {@code im2col} does the same in twice the
     * time (2.3 ms against 1.1 for [64, 1, 28, 28] and 5x5 windows).
     */
    static void im2col(INDArray x, INDArray cols, int kernelH, int kernelW, int stride, int padding) {
        long[] xs = x.shape();
        int h = (int) xs[2];
        int w = (int) xs[3];
        int outH = (int) cols.size(4);
        int outW = (int) cols.size(5);
        int windows = outH * outW;
        long planes = xs[0] * xs[1];
        Elements input = Elements.of(x);
        Elements output = Elements.of(cols);
        double[] plane = new double[h * w];
        double[] row = new double[windows];
        for (int p = 0; p < planes; p++) {
            input.read(p * h * w, plane, h * w);
            for (int kh = 0; kh < kernelH; kh++) {
                for (int kw = 0; kw < kernelW; kw++) {
                    for (int oh = 0; oh < outH; oh++) {
                        int r = oh * stride + kh - padding;
                        for (int ow = 0; ow < outW; ow++) {
                            int c = ow * stride + kw - padding;
                            row[oh * outW + ow] = r >= 0 && r < h && c >= 0 && c < w ? plane[r * w + c] : 0;
                        }
                    }
                    output.write(row, ((p * kernelH + kh) * kernelW + kw) * windows, windows);
                }
            }
        }
    }
}
