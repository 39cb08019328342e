package jgrad.layers;

import java.util.Arrays;
import jgrad.core.Ops;
import jgrad.core.Tensor;

/**
 * Max pooling over square windows, by {@link Ops#maxPool2d}; no parameters.
 *
 * <p>Input [batch, channels, h, w]; output [batch, channels, (h - kernel) / stride + 1,
 * (w - kernel) / stride + 1]. No padding.
 */
public class MaxPool2D extends Layer {

    private final int kernel;
    private final int stride;

    /** Non-overlapping windows: stride = kernel (2 halves the height and width). */
    public MaxPool2D(int kernel) {
        this(kernel, kernel);
    }

    public MaxPool2D(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("MaxPool2D: kernel " + kernel + " and stride " + stride + " must be >= 1");
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    /** x [batch, channels, h, w] → [batch, channels, (h - kernel) / stride + 1, (w - kernel) / stride + 1]. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.shape()[2] < kernel || x.shape()[3] < kernel) {
            throw new IllegalArgumentException(describe() + ": expected input [batch, channels, height, width] with height and width >= "
                    + kernel + ", got " + Arrays.toString(x.shape()));
        }
        return Ops.maxPool2d(x, kernel, stride);
    }

    @Override
    protected MaxPool2D newReplica(Replication replica) {
        return new MaxPool2D(kernel, stride);
    }

    @Override
    protected String describe() {
        return "MaxPool2D(kernel " + kernel + ", stride " + stride + ")";
    }
}
