package jgrad.layers;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the survivors are
 * scaled by 1 / (1 - p), so the expected output equals the input and evaluation needs no rescaling;
 * in evaluation mode it is the identity. No parameters.
 *
 * <p>Input any shape; output the same shape. The forward multiplies by a constant mask tensor, so the
 * gradient is the same mask times gradOut, with no backward of its own. The mask is drawn from this
 * module's own {@link Random}: the same seed gives the same sequence of masks.
 */
public class Dropout extends Module {

    private final double p;
    private final Random rng;

    /** Drops with probability {@code p} in [0, 1), masks drawn from {@code new Random(seed)}. */
    public Dropout(double p, long seed) {
        this(p, new Random(seed));
    }

    /** Drops with probability {@code p} in [0, 1), masks drawn from {@code rng}. */
    public Dropout(double p, Random rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: the drop probability must be in [0, 1), got " + p);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dropout: the random source is null");
        }
        this.p = p;
        this.rng = rng;
    }

    /** x [...] → x * mask / (1 - p) in training mode, x in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("Dropout: expected a floating-point input, got " + x.dataType());
        }
        return x.mul(Tensor.of(mask(x)));
    }

    /** 0 with probability p, else 1 / (1 - p): the inverted-dropout scale is folded into the mask. */
    private INDArray mask(Tensor x) {
        long length = x.value().length();
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Dropout: input " + Arrays.toString(x.shape()) + " has more than 2^31 elements");
        }
        double keep = 1 / (1 - p);
        if (x.dataType() == DataType.FLOAT) { // the common case: fill floats directly rather than cast a double copy
            float[] values = new float[(int) length];
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextDouble() < p ? 0 : (float) keep;
            }
            return Nd4j.createFromArray(values).reshape('c', x.shape());
        }
        double[] values = new double[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble() < p ? 0 : keep;
        }
        return Nd4j.createFromArray(values).reshape('c', x.shape()).castTo(x.dataType());
    }

    /** The probability of dropping an element. */
    public double p() {
        return p;
    }

    @Override
    protected String describe() {
        return "Dropout(p " + p + ")";
    }
}
