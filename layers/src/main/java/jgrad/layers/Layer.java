package jgrad.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.core.Parameter;
import jgrad.core.Tensor;

/**
 * A piece of a model: it holds named parameters and child layers, and its {@link #forward(Tensor)}
 * composes ops from {@code jgrad.core}, so the tape differentiates it; a layer never writes a backward.
 *
 * <p>A subclass registers what it owns in its constructor, with {@link #param(String, Parameter)} and
 * {@link #child(String, Layer)}. {@link #namedParameters()} then lists the layer's own parameters
 * first, in registration order, followed by each child's under the child's name and a dot
 * ({@code 0.weight}, {@code encoder.bias}). Parameters are made outside any tape, so they live as long
 * as the model.
 *
 * <p>A layer starts in training mode; {@link #eval()} and {@link #train()} switch it and all its
 * descendants (only layers like {@link Dropout} behave differently).
 */
public abstract class Layer {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the layer to {@code x}; the subclass's Javadoc gives the shapes. */
    public abstract Tensor forward(Tensor x);

    /** Registers a parameter under {@code name} (no dots; unique in this layer) and returns it. */
    protected final Parameter param(String name, Parameter p) {
        checkName(name);
        if (p == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name + "' is null");
        }
        parameters.put(name, p);
        return p;
    }

    /** Registers a child layer under {@code name} (no dots; unique in this layer) and returns it. */
    protected final <M extends Layer> M child(String name, M module) {
        checkName(name);
        if (module == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": child '" + name + "' is null");
        }
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a layer cannot be its own child");
        }
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-empty and contain no dot (dots separate the levels of nested names)");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    /**
     * Every parameter of this layer and its descendants, by dotted name, in registration order. A
     * parameter shared by two layers appears once, under the first name met, so that an optimizer
     * given {@link #parameters()} updates it once per step.
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out, Set<Parameter> seen) {
        parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(prefix + name, p);
            }
        });
        children.forEach((name, module) -> module.collect(prefix + name + ".", out, seen));
    }

    /** The values of {@link #namedParameters()}, in the same order: what an optimizer is given. */
    public final List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** The direct children, by name, in registration order. */
    public final Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Switches this layer and all its descendants to training mode; returns this. */
    public final Layer train() {
        return train(true);
    }

    /** Switches this layer and all its descendants to evaluation mode; returns this. */
    public final Layer eval() {
        return train(false);
    }

    /** Sets training ({@code true}) or evaluation mode here and in all descendants; returns this. */
    public final Layer train(boolean training) {
        this.training = training;
        for (Layer module : children.values()) {
            module.train(training);
        }
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Resets the gradient of every parameter to zero. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** The total number of scalar values in the parameters. */
    public final long parameterCount() {
        long count = 0;
        for (Parameter p : parameters()) {
            count += p.value().length();
        }
        return count;
    }

    // ---- replicas for data-parallel training ----

    /**
     * A replica of this layer for data-parallel training ({@link Replicas}, {@link jgrad.core.DataParallel}):
     * a layer of the same class and configuration, in the same mode, whose parameters read this layer's
     * value arrays in place and have gradients of their own (their names and shapes are this layer's);
     * generators, like {@link Dropout}'s, are seeded apart for each {@code k}. Built by
     * {@link #newReplica}, and checked.
     *
     * @param k the replica's number, at least 1 (replica 0 is the model itself)
     * @throws UnsupportedOperationException if this layer or one of its descendants does not implement
     *     {@link #newReplica}, naming its class
     * @throws IllegalStateException if a {@link #newReplica} built something else than a replica (another
     *     class, other parameters or children, parameters not read in place), naming the class
     */
    public final Layer replica(int k) {
        if (k < 1) {
            throw new IllegalArgumentException(describe() + ".replica: the replica's number must be at least 1 (0 is the "
                    + "model itself), got " + k);
        }
        return new Replication(k).of(this);
    }

    /**
     * Builds this layer's replica: the same layer over {@code replica.shared(p)} for each of its parameters
     * p and {@code replica.of(child)} for each child, registered under the same names in the same order,
     * with generators seeded by {@code replica.seed(...)}. Every layer of {@code jgrad.layers} implements
     * it; a layer of one's own that is trained with more than one replica must too (a subclass of a layer
     * that adds fields or changes {@code forward} included: the inherited one would build the parent
     * class, and is refused). Called through {@link #replica} and {@link Replication#of}, which check the result.
     */
    protected Layer newReplica(Replication replica) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement newReplica(Replication), "
                + "which training with more than one replica needs: override it to build the same layer over "
                + "replica.shared(p) for each of its parameters p and replica.of(child) for each child, or train with one "
                + "replica (Replicas.of(model, 1), -Djgrad.replicas=1 or JGRAD_REPLICAS=1)");
    }

    /** {@link #newReplica}, checked against this layer, in this layer's modes; see {@link #replica}. */
    final Layer checkedReplica(Replication replica) {
        Layer copy = newReplica(replica);
        String name = getClass().getName();
        if (copy == null || copy.getClass() != getClass()) {
            throw new IllegalStateException(name + ".newReplica built " + (copy == null ? "null" : "a " + copy.getClass().getName())
                    + "; expected a " + name + " (a subclass must override newReplica to build itself)");
        }
        if (!List.copyOf(copy.parameters.keySet()).equals(List.copyOf(parameters.keySet()))
                || !List.copyOf(copy.children.keySet()).equals(List.copyOf(children.keySet()))) {
            throw new IllegalStateException(name + ".newReplica built a layer with parameters " + copy.parameters.keySet()
                    + " and children " + copy.children.keySet() + "; expected those of the original, " + parameters.keySet()
                    + " and " + children.keySet() + ", in the same order");
        }
        parameters.forEach((key, p) -> {
            if (copy.parameters.get(key) != replica.sharedIfAny(p)) {
                throw new IllegalStateException(name + ".newReplica: parameter '" + key + "' of the replica is not "
                        + "replica.shared(p) of the original's, so it would not read the model's values in place");
            }
        });
        children.forEach((key, child) -> {
            if (copy.children.get(key) != replica.builtIfAny(child)) {
                throw new IllegalStateException(name + ".newReplica: child '" + key + "' of the replica is not "
                        + "replica.of(child) of the original's");
            }
        });
        copy.followModes(this);
        return copy;
    }

    /** Sets this layer's and its descendants' modes to those of {@code original}, of which this is a replica. */
    final void followModes(Layer original) {
        training = original.training;
        children.forEach((key, child) -> child.followModes(original.children.get(key)));
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return describe();
        }
        List<String> lines = new ArrayList<>();
        children.forEach((name, module) -> lines.add("  (" + name + "): " + module.toString().replace("\n", "\n  ")));
        return describe() + "(\n" + String.join("\n", lines) + "\n)";
    }

    /** A one-line description for {@link #toString()}: the class name, and the sizes where a layer has them. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    // ---- checks shared by the layers with a weight and a bias ----

    /**
     * Checks that an optional {@code bias} is a vector [{@code out}] of the weight's type; {@code layer}
     * names the layer in the message.
     */
    static void checkBias(String layer, Parameter bias, Parameter weight, long out) {
        if (bias != null && (bias.rank() != 1 || bias.shape()[0] != out || bias.dataType() != weight.dataType())) {
            throw new IllegalArgumentException(layer + ": bias " + bias.dataType() + Arrays.toString(bias.shape())
                    + " does not match weight " + weight.dataType() + Arrays.toString(weight.shape()) + "; expected "
                    + weight.dataType() + "[" + out + "]");
        }
    }

    /** Checks that the input {@code x} has the type of the layer's {@code weight}. */
    final void checkInputType(Tensor x, Parameter weight) {
        if (x.dataType() != weight.dataType()) {
            throw new IllegalArgumentException(describe() + ": input is " + x.dataType() + " but the weights are "
                    + weight.dataType() + "; build the layer with the input's type or cast the input");
        }
    }
}
