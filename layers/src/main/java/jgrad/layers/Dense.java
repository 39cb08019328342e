package jgrad.layers;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fully connected layer: y = x W + b.
 *
 * <p>Input [batch, in], output [batch, out]; weight W [in, out], bias b [out] (optional). The forward
 * is one matmul and one broadcast add.
 *
 * <p>Weights start Glorot uniform by default: it suits tanh and sigmoid layers and is a sound start for
 * ReLU ones, so one default serves every activation (pass {@link Init#heUniform()} for deep ReLU stacks).
 * The bias starts at zero.
 */
public class Dense extends Layer {

    private final Parameter weight;
    private final Parameter bias;

    /** A float32 layer with a bias, Glorot-uniform weights drawn from {@code new Random(seed)}. */
    public Dense(long in, long out, long seed) {
        this(in, out, true, DataType.FLOAT, Init.glorotUniform(), new Random(seed));
    }

    /**
     * A layer of the given type (FLOAT or DOUBLE), with a bias or not, whose weights {@code weightInit}
     * draws from {@code rng}; the bias starts at zero.
     */
    public Dense(long in, long out, boolean bias, DataType type, Init weightInit, Random rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense: sizes must be positive, got in " + in + " and out " + out);
        }
        this.weight = param("weight", Tensor.param(weightInit.create(rng, type, in, out, in, out)));
        this.bias = bias ? param("bias", Tensor.param(Init.zeros().create(rng, type, in, out, out))) : null;
    }

    /**
     * A layer over existing parameters (shared, loaded, or made by a gradient check): weight [in, out]
     * and bias [out] or null. The parameters are used, not copied.
     */
    public Dense(Parameter weight, Parameter bias) {
        if (weight == null || weight.rank() != 2) {
            throw new IllegalArgumentException("Dense: the weight must be a matrix [in, out], got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        checkBias("Dense", bias, weight, weight.shape()[1]);
        this.weight = param("weight", weight);
        this.bias = bias == null ? null : param("bias", bias);
    }

    /** x [batch, in] → x W + b [batch, out]. */
    @Override
    public Tensor forward(Tensor x) {
        long in = weight.shape()[0];
        if (x.rank() != 2 || x.shape()[1] != in) {
            throw new IllegalArgumentException(describe() + ": expected input [batch, " + in + "], got "
                    + Arrays.toString(x.shape()) + (x.rank() > 2 ? "; put a Flatten before it" : ""));
        }
        checkInputType(x, weight);
        Tensor y = x.matmul(weight);
        return bias == null ? y : y.add(bias);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    /** The same layer over the replica's parameters, which read this one's values in place. */
    @Override
    protected Dense newReplica(Replication replica) {
        return new Dense(replica.shared(weight), replica.shared(bias));
    }

    @Override
    protected String describe() {
        return "Dense(" + weight.shape()[0] + " -> " + weight.shape()[1] + (bias == null ? ", no bias" : "") + ")";
    }
}
