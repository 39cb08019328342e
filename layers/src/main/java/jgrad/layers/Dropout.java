package jgrad.layers;

import jgrad.core.Ops;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;


/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the survivors are
 * scaled by 1 / (1 - p), so the expected output equals the input and evaluation needs no rescaling;
 * in evaluation mode it is the identity. No parameters.
 *
 * <p>Input any shape; output the same shape. The forward multiplies by a constant mask tensor, so the
 * gradient is the same mask times gradOut, with no backward of its own. The mask is drawn from this
 * module's own native generator: the same seed gives the same sequence of masks.
 */
public class Dropout extends Layer {

    private final double p;
    private final long seed;
    private final Random rng;

    /** Drops with probability {@code p} in [0, 1), masks drawn from ND4J's native generator seeded with {@code seed}. */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: the drop probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.seed = seed;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** x [...] → x * mask / (1 - p) in training mode, x in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining()) {
            return x;
        }
        return Ops.dropout(x, p, rng);
    }

    /** The probability of dropping an element. */
    public double p() {
        return p;
    }

    /** The same dropout, its masks drawn from a generator seeded apart for the replica ({@link Replication#seed}). */
    @Override
    protected Dropout newReplica(Replication replica) {
        return new Dropout(p, replica.seed(seed));
    }

    @Override
    protected String describe() {
        return "Dropout(p " + p + ")";
    }
}
