package jgrad.layers;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A 2-D convolution over NCHW batches (cross-correlation, as in every framework), by {@link Ops#conv2d}.
 *
 * <p>Input [batch, inChannels, h, w]; output [batch, outChannels, (h + 2 padding - kH) / stride + 1,
 * (w + 2 padding - kW) / stride + 1]. Weight [outChannels, inChannels, kH, kW], bias [outChannels]
 * (optional). The same stride and zero padding apply on both axes.
 *
 * <p>Weights start He uniform (fan-in inChannels kH kW), since convolutions are nearly always followed
 * by ReLU; the bias starts at zero.
 */
public class Conv2D extends Layer {

    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    /** A float32 layer with a bias and a square kernel, He-uniform weights drawn from {@code new Random(seed)}. */
    public Conv2D(long inChannels, long outChannels, int kernel, int stride, int padding, long seed) {
        this(inChannels, outChannels, kernel, stride, padding, true, DataType.FLOAT, Init.heUniform(), new Random(seed));
    }

    /** A layer with a square kernel, of the given type, whose weights {@code weightInit} draws from {@code rng}. */
    public Conv2D(long inChannels, long outChannels, int kernel, int stride, int padding, boolean bias, DataType type,
            Init weightInit, Random rng) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1) {
            throw new IllegalArgumentException("Conv2D: channels and kernel must be positive, got in " + inChannels
                    + ", out " + outChannels + ", kernel " + kernel);
        }
        long area = (long) kernel * kernel;
        this.weight = param("weight", Tensor.param(weightInit.create(rng, type, inChannels * area, outChannels * area,
                outChannels, inChannels, kernel, kernel)));
        this.bias = bias ? param("bias", Tensor.param(Init.zeros().create(rng, type, 0, 0, outChannels))) : null;
        this.stride = checkStride(stride, padding);
        this.padding = padding;
    }

    /**
     * A layer over existing parameters: weight [outChannels, inChannels, kH, kW] (kH and kW may differ)
     * and bias [outChannels] or null. The parameters are used, not copied.
     */
    public Conv2D(Parameter weight, Parameter bias, int stride, int padding) {
        if (weight == null || weight.rank() != 4) {
            throw new IllegalArgumentException("Conv2D: the weight must be [outChannels, inChannels, kH, kW], got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        checkBias("Conv2D", bias, weight, weight.shape()[0]);
        this.weight = param("weight", weight);
        this.bias = bias == null ? null : param("bias", bias);
        this.stride = checkStride(stride, padding);
        this.padding = padding;
    }

    private static int checkStride(int stride, int padding) {
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2D: stride " + stride + " must be >= 1 and padding " + padding + " >= 0");
        }
        return stride;
    }

    /** x [batch, inChannels, h, w] → [batch, outChannels, h', w']; see the class comment for h' and w'. */
    @Override
    public Tensor forward(Tensor x) {
        long in = weight.shape()[1];
        if (x.rank() != 4 || x.shape()[1] != in) {
            throw new IllegalArgumentException(describe() + ": expected input [batch, " + in + ", height, width], got "
                    + Arrays.toString(x.shape()));
        }
        long kH = weight.shape()[2];
        long kW = weight.shape()[3];
        if (x.shape()[2] + 2L * padding < kH || x.shape()[3] + 2L * padding < kW) {
            throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(x.shape()) + " is smaller than the "
                    + kH + "x" + kW + " kernel with padding " + padding);
        }
        checkInputType(x, weight);
        return Ops.conv2d(x, weight, bias, stride, padding);
    }

    /** The weight [outChannels, inChannels, kH, kW]. */
    public Parameter weight() {
        return weight;
    }

    /** The bias [outChannels], or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    /** The same convolution over the replica's parameters, which read this one's values in place. */
    @Override
    protected Conv2D newReplica(Replication replica) {
        return new Conv2D(replica.shared(weight), replica.shared(bias), stride, padding);
    }

    @Override
    protected String describe() {
        long[] s = weight.shape();
        return "Conv2D(" + s[1] + " -> " + s[0] + ", kernel " + s[2] + "x" + s[3] + ", stride " + stride
                + ", padding " + padding + (bias == null ? ", no bias" : "") + ")";
    }
}
