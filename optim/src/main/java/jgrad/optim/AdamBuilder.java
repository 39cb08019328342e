package jgrad.optim;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import jgrad.core.Parameter;

/**
 * The settings of an {@link Adam} or {@link AdamW}; {@link #build()} checks them and allocates the
 * state.
 */
public final class AdamBuilder<T extends Optimizer> {
    final String name;
    final Collection<Parameter> parameters;
    final double learningRate;
    final Function<AdamBuilder<T>, T> factory;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weightDecay;
    Collection<Parameter> decayed;
    boolean lazy;

    AdamBuilder(String name, Collection<Parameter> parameters, double learningRate, double weightDecay,
            Function<AdamBuilder<T>, T> factory) {
        this.name = name;
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.factory = factory;
    }

    /** The decay rates of the moment averages, each in [0, 1). */
    public AdamBuilder<T> betas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** The term added to the denominator for stability, &gt; 0. */
    public AdamBuilder<T> epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(name + ": epsilon must be finite and > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** Weight decay of every parameter. */
    public AdamBuilder<T> weightDecay(double weightDecay) {
        return weightDecay(weightDecay, null);
    }

    /** Weight decay of the given parameters only (a subset of those optimized; null means all). */
    public AdamBuilder<T> weightDecay(double weightDecay, Collection<Parameter> decayed) {
        Optimizer.requireNonNegative(name, "weight decay", weightDecay);
        this.weightDecay = weightDecay;
        this.decayed = decayed == null ? null : List.copyOf(decayed);
        return this;
    }

    /**
     * Lazy updates of row-sparse gradients (false by default), as PyTorch's {@code SparseAdam}: a step
     * updates w, m and v of the rows in the gradient only, and leaves every other row exactly as it was,
     * where dense Adam would still move it (its m and v decay, and m keeps pushing w). A different
     * algorithm, not an approximation that catches up: for each row in the gradient, with the
     * parameter's update count t (the steps in which it had any gradient),
     *
     * <pre>
     *   m = b1 * m + (1 - b1) * g,   v = b2 * v + (1 - b2) * g^2,
     *   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
     * </pre>
     *
     * A dense gradient updates every row, as plain Adam. Lazy updates take no weight decay (neither does
     * {@code SparseAdam}): decaying only the rows in the batch would make a word's decay depend on its
     * frequency.
     */
    public AdamBuilder<T> lazy(boolean lazy) {
        this.lazy = lazy;
        return this;
    }

    public T build() {
        if (lazy && weightDecay != 0) {
            throw new IllegalArgumentException(name + ": lazy updates take no weight decay (as PyTorch's SparseAdam), got "
                    + weightDecay + "; call weightDecay(0) or leave lazy off");
        }
        return factory.apply(this);
    }
}
