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

    public T build() {
        return factory.apply(this);
    }
}
