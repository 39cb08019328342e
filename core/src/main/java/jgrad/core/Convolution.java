package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution on NCHW batches, run by libnd4j (with oneDNN where the build has it).
 * Weights are laid out [outChannels, inChannels, kernelHeight, kernelWidth], as in PyTorch. When the
 * input needs no gradient (a first layer's images) and has few channels, {@link ColumnConvolution} runs
 * it as matrix products and computes the weight and bias gradients alone, where {@code conv2d_bp} would
 * always compute all three.
 */
final class Convolution {

    private Convolution() {}

    private static final int NCHW = 0;
    private static final int OIHW = 1; // libnd4j's weight format code for [out, in, kH, kW]
    private static final int EXPLICIT_PADDING = 0;

    /**
     * Input channels up to which {@link ColumnConvolution} runs an input that needs no gradient. Forward +
     * backward by thread CPU time, one thread, batch 64, 5x5 kernels, bias, against oneDNN's forward and
     * a backward that did im2col itself (two alternating pairs, load ~13 on 2 cores): 1x28x28 to 20
     * channels 1.7 + 1.3 ms against 2.7 + 3.7, 2x28x28 to 20 2.8 + 1.8 against 3.1 + 6.2, 3x32x32 to 20 11.0
     * + 5.0 against 4.8 + 13.3 and to 64 14.4 + 10.2 against 14.0 + 20.2. Earlier, against {@code
     * conv2d_bp} computing all three gradients, 6x14x14 to 16 took 2.0 ms against 1.2 and 20x12x12 to 50
     * broke even (5.45): im2col grows with the channels while oneDNN's data gradient stays cheap.
     */
    static final long COLUMNS_MAX_CHANNELS = 3;

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
        Tensor out = ColumnConvolution.applies(x, COLUMNS_MAX_CHANNELS)
                ? ColumnConvolution.conv2d(x, weight, bias, stride, padding, outH, outW)
                : byLibnd4j(x, weight, bias, stride, padding, outH, outW);
        Tape.countMultiplyAdds(out, xs[0] * ws[0] * ws[1] * ws[2] * ws[3] * outH * outW);
        return out;
    }

    /** {@link #conv2d} by libnd4j's {@code conv2d} and {@code conv2d_bp}, the arguments checked. */
    private static Tensor byLibnd4j(Tensor x, Tensor weight, Tensor bias, int stride, int padding, long outH, long outW) {
        long[] xs = x.shape();
        long[] ws = weight.shape();
        int[] args = {(int) ws[2], (int) ws[3], stride, stride, padding, padding, 1, 1, EXPLICIT_PADDING, NCHW, OIHW};
        INDArray out = Tape.allocate(x.dataType(), xs[0], ws[0], outH, outW);
        INDArray[] inputs = bias == null
                ? new INDArray[] {x.value(), weight.value()}
                : new INDArray[] {x.value(), weight.value(), bias.value()};
        Threads.large("conv2d", xs, () -> Kernels.custom("conv2d", inputs, new INDArray[] {out}, args));
        Tensor[] parents = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tape.result("conv2d", out, (g, y) -> {
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
}
