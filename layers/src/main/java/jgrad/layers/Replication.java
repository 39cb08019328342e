package jgrad.layers;

import java.util.IdentityHashMap;
import java.util.Map;
import jgrad.core.DataParallel;
import jgrad.core.Parameter;

/**
 * What a layer builds its replica with ({@link Layer#newReplica}): the parameters that read the
 * original's values in place, the replicas of its children, and seeds for its generators. One
 * replication builds one replica of a whole model, so a parameter or a layer that the model uses in two
 * places is replicated once and stays shared in the replica.
 *
 * <pre>{@code
 * @Override
 * protected Dense newReplica(Replication replica) {
 *     return new Dense(replica.shared(weight), bias == null ? null : replica.shared(bias));
 * }
 * }</pre>
 */
public final class Replication {

    private final int index;
    private final Map<Parameter, Parameter> parameters = new IdentityHashMap<>();
    private final Map<Layer, Layer> layers = new IdentityHashMap<>();

    Replication(int index) {
        this.index = index;
    }

    /** k: which replica is being built (replica 0 is the model itself, so k is at least 1). */
    public int index() {
        return index;
    }

    /**
     * A parameter over {@code original}'s value array, read in place, with a gradient of its own in the
     * same form (dense or row-sparse); the same one every time it is asked for the same original. Null for
     * null (a layer without a bias).
     */
    public Parameter shared(Parameter original) {
        return original == null ? null : parameters.computeIfAbsent(original, DataParallel::sharingValue);
    }

    /** The parameter {@link #shared} gave for {@code original}, or null if none was asked for. */
    Parameter sharedIfAny(Parameter original) {
        return parameters.get(original);
    }

    /**
     * The replica of a child layer (the same one for the same child), checked as {@link Layer#replica}
     * checks: of the child's class, with the child's parameter names and shapes, each read in place.
     */
    public <L extends Layer> L of(L layer) {
        Layer copy = layers.get(layer);
        if (copy == null) {
            copy = layer.checkedReplica(this);
            layers.put(layer, copy);
        }
        @SuppressWarnings("unchecked") // checkedReplica made sure that the copy is of the layer's class
        L typed = (L) copy;
        return typed;
    }

    /** The replica {@link #of} built for {@code layer}, or null if none was. */
    Layer builtIfAny(Layer layer) {
        return layers.get(layer);
    }

    /**
     * A seed for a generator of replica k, drawn apart from {@code seed} (which replica 0, the model,
     * uses) and from every other replica's: SplitMix64's finalizer of the seed moved by k golden gammas.
     */
    public long seed(long seed) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
