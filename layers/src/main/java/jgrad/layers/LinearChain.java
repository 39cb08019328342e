package jgrad.layers;

import java.util.Arrays;
import jgrad.core.Elements;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear chain of tags over per-word scores, for the sentence-level log-likelihood (SLL) of Collobert
 * et al. (2011): learned transition scores {@code transitions} [T, T] (entry [i, j] scores tag j right after
 * tag i) and start scores {@code start} [T], both starting at 0.
 *
 * <p>A network gives emission scores [tokens, T] for the words of one or more sentences, laid one after
 * another; {@link #loss} is their SLL (one fused op, {@link Ops#chainNegLogLikelihood}) and
 * {@link #decode} the best path of each sentence (Viterbi). The chain has no {@link #forward}: what it
 * adds to a network is a loss and a decoder, not a transformation of its input.
 */
public final class LinearChain extends Layer {

    private final int tags;
    private final Parameter transitions;
    private final Parameter start;

    /** A chain over {@code tags} tags, of type FLOAT or DOUBLE, with all scores 0. */
    public LinearChain(int tags, DataType type) {
        if (tags < 1) {
            throw new IllegalArgumentException("LinearChain: the number of tags must be positive, got " + tags);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("LinearChain: expected FLOAT or DOUBLE scores, got " + type);
        }
        this.tags = tags;
        this.transitions = param("transitions", Tensor.param(Nd4j.zeros(type, tags, tags)));
        this.start = param("start", Tensor.param(Nd4j.zeros(type, tags)));
    }

    /** A chain over existing scores (a replica's). */
    private LinearChain(int tags, Parameter transitions, Parameter start) {
        this.tags = tags;
        this.transitions = param("transitions", transitions);
        this.start = param("start", start);
    }

    /** The number of tags T. */
    public int tags() {
        return tags;
    }

    /** The transition scores [T, T], from the row's tag to the column's. */
    public Parameter transitions() {
        return transitions;
    }

    /** The scores [T] of a sentence's first tag. */
    public Parameter start() {
        return start;
    }

    /** Refused: a chain scores whole tag paths; use {@link #loss} to train and {@link #decode} to tag. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException(describe() + ": a linear chain has no forward; train with loss(emissions, "
                + "tags, lengths) and tag with decode(emissions, lengths)");
    }

    /**
     * The negative log-likelihood of each sentence's gold path: emissions [tokens, T], gold tags [tokens]
     * and sentence lengths (each >= 1, adding up to the tokens) → [sentences].
     */
    public Tensor negLogLikelihood(Tensor emissions, int[] gold, int[] lengths) {
        return Ops.chainNegLogLikelihood(emissions, transitions, start, gold, lengths);
    }

    /**
     * The sentences' summed negative log-likelihood divided by their tokens, a scalar: per word, like
     * the mean cross-entropy of word-level training, so that the same learning rates suit both.
     */
    public Tensor loss(Tensor emissions, int[] gold, int[] lengths) {
        return negLogLikelihood(emissions, gold, lengths).sum().div(gold.length);
    }

    /**
     * The highest-scoring tag path of each sentence (Viterbi), computed in double in Java: emissions
     * [tokens, T] of sentences of the given lengths → tag ids [tokens]. Of equal-scoring paths it
     * returns the one with the lowest last tag, then the lowest tag before it, and so on back to the first.
     */
    public int[] decode(INDArray emissions, int[] lengths) {
        if (emissions.rank() != 2 || emissions.size(1) != tags) {
            throw new IllegalArgumentException(describe() + ": expected emissions [tokens, " + tags + "], got "
                    + Arrays.toString(emissions.shape()));
        }
        int tokens = Math.toIntExact(emissions.size(0));
        long total = 0;
        for (int length : lengths) {
            if (length < 1) {
                throw new IllegalArgumentException(describe() + ": a sentence of length " + length + "; expected lengths >= 1");
            }
            total += length;
        }
        if (total != tokens) {
            throw new IllegalArgumentException(describe() + ": sentence lengths add up to " + total + " but the emissions hold "
                    + tokens + " tokens");
        }
        double[] e = Elements.doubles(emissions);
        double[] a = Elements.doubles(transitions.value());
        double[] s = Elements.doubles(start.value());
        int[] path = new int[tokens];
        int offset = 0;
        for (int length : lengths) {
            viterbi(e, a, s, tags, offset, length, path);
            offset += length;
        }
        return path;
    }

    /**
     * Writes into path[offset .. offset + length) the best path of the sentence whose emissions are rows
     * offset... of e [tokens, T] (row-major), with transitions a [T, T] and start scores s [T].
     */
    static void viterbi(double[] e, double[] a, double[] s, int tagCount, int offset, int length, int[] path) {
        double[] best = new double[tagCount];
        double[] next = new double[tagCount];
        int[] back = new int[length * tagCount];
        for (int j = 0; j < tagCount; j++) {
            best[j] = s[j] + e[offset * tagCount + j];
        }
        for (int t = 1; t < length; t++) {
            int row = (offset + t) * tagCount;
            for (int j = 0; j < tagCount; j++) {
                int argmax = 0;
                double max = best[0] + a[j];
                for (int i = 1; i < tagCount; i++) {
                    double score = best[i] + a[i * tagCount + j];
                    if (score > max) { // strictly: of tied predecessors the lowest tag wins
                        max = score;
                        argmax = i;
                    }
                }
                next[j] = max + e[row + j];
                back[t * tagCount + j] = argmax;
            }
            double[] swap = best;
            best = next;
            next = swap;
        }
        int tag = 0;
        for (int j = 1; j < tagCount; j++) {
            if (best[j] > best[tag]) {
                tag = j;
            }
        }
        for (int t = length - 1; t >= 0; t--) {
            path[offset + t] = tag;
            tag = back[t * tagCount + tag];
        }
    }

    /** The same chain over the replica's parameters, which read this one's scores in place. */
    @Override
    protected LinearChain newReplica(Replication replica) {
        return new LinearChain(tags, replica.shared(transitions), replica.shared(start));
    }

    @Override
    protected String describe() {
        return "LinearChain(" + tags + " tags)";
    }
}
