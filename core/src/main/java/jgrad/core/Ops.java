package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The differentiable functions that are not methods of {@link Tensor}: losses (among them the
 * sentence-level likelihood of a linear chain of tags), lookup, concatenation, convolution and pooling. Like every op, each is recorded on the open {@link Tape} when one of its
 * inputs requires a gradient.
 */
public final class Ops {

    private Ops() {}

    /**
     * Softmax cross-entropy, fused and numerically stable: logits [batch, classes] and integer class
     * labels [batch] give the mean over the batch of -log softmax(logits)[i, labels[i]], a scalar. Finite
     * and exact to a few ulps for any finite logits (0 when the label's logit is the largest by far).
     */
    public static Tensor crossEntropy(Tensor logits, INDArray labels) {
        return Softmax.crossEntropy(logits, labels);
    }

    /**
     * The sentence-level negative log-likelihood of tag paths in a linear chain (Collobert et al. 2011),
     * one value per sentence: log Z - s(gold), where a path y scores s(y) = start[y0] + sum_t
     * emissions[t, y_t] + sum_{t>0} transitions[y_{t-1}, y_t] and Z sums exp(s) over all paths (the forward
     * algorithm, scaled (Rabiner 1989), in double, stable). Emissions [tokens, T] hold the sentences one after another, whose
     * {@code lengths} (each >= 1) add up to the tokens; {@code tags} [tokens] are the gold tags, in [0, T);
     * transitions [T, T] (from the row's tag to the column's) and start [T] are of the emissions' type. Result
     * [sentences]. One fused op with its own backward (the forward-backward marginals); transition scores
     * must lie within 600 of each other.
     */
    public static Tensor chainNegLogLikelihood(Tensor emissions, Tensor transitions, Tensor start, int[] tags, int[] lengths) {
        return ChainLikelihood.negLogLikelihood(emissions, transitions, start, tags, lengths);
    }

    /** Mean squared error: the mean of (prediction - target)^2 over all elements, a scalar. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        Check.sameType("mse", prediction, target);
        if (!java.util.Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Check.shape(prediction.shape()) + " and target "
                    + Check.shape(target.shape()) + " differ in shape");
        }
        Tensor error = prediction.sub(target);
        return error.mul(error).mean();
    }

    /**
     * For x [rows, ...] cut into consecutive runs of {@code lengths[s]} rows (adding up to rows), the
     * elementwise largest row of each run: [lengths.length, ...] (a max over each word's character
     * positions when words of different lengths share a batch). The gradient goes to the chosen
     * element, the first of its run on a tie.
     */
    public static Tensor segmentMax(Tensor x, int[] lengths) {
        return Reductions.segmentMax(x, lengths);
    }

    /**
     * Rows of {@code table} [rows, ...] picked by integer {@code indices} of any shape: the result is
     * indices.shape + table.shape[1:]. A row picked twice receives both gradients.
     */
    public static Tensor gather(Tensor table, INDArray indices) {
        return Gather.gather(table, indices);
    }

    /** Joins tensors along {@code axis}; their other sizes must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Shapes.concat(axis, parts);
    }

    /**
     * 2-D convolution (cross-correlation, as in every framework): x [batch, inC, h, w], weight
     * [outC, inC, kH, kW], bias [outC] or null, the same stride and zero padding on both axes →
     * [batch, outC, (h + 2 padding - kH) / stride + 1, (w + 2 padding - kW) / stride + 1].
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv2d(x, weight, bias, stride, padding);
    }

    /** Max pooling over kernel x kernel windows moved by {@code stride}: x [batch, c, h, w] → [batch, c, h', w']. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        return Pooling.maxPool2d(x, kernel, stride);
    }

    /**
     * Inverted dropout: each element is zeroed with probability {@code p} and the survivors scaled by
     * 1 / (1 - p), so the expected output equals x. The mask is drawn by ND4J's native generator
     * {@code rng} into step memory; its backward is the same mask times gradOut.
     */
    public static Tensor dropout(Tensor x, double p, org.nd4j.linalg.api.rng.Random rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: the drop probability must be in [0, 1), got " + p);
        }
        Check.floatingPoint("dropout", x);
        if (p == 0) {
            return x;
        }
        INDArray mask = Tape.allocate(x.dataType(), x.shape());
        org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(
                new org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution(mask, 1 - p), rng);
        Kernels.affine(mask, 1 / (1 - p), 0, mask);
        return x.mul(Tape.result("dropoutMask", mask, null));
    }

    /** The elementwise maximum of two tensors of the same shape. */
    public static Tensor max(Tensor a, Tensor b) {
        return a.max(b);
    }

    /** The elementwise minimum of two tensors of the same shape. */
    public static Tensor min(Tensor a, Tensor b) {
        return a.min(b);
    }
}
