package jgrad.core.scalar;

import java.util.List;

/**
 * One number of a scalar graph: its id, its inputs, its value after a solve and, after a backward walk,
 * the derivative of the outputs with respect to it.
 *
 * <p>A node holds its own value and gradient, so a graph is driven by one {@link Solver} at a time.
 * Inputs are fixed when a node is made, so a graph can have no cycle.
 */
public abstract class Node {

    private final String id;
    final Node[] inputs;
    double value;
    /** d (seeded outputs) / d this, accumulated by the backward walk. */
    double grad;

    Node(String id, Node... inputs) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a node needs a non-empty id");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " '" + id + "': input " + i + " is null");
            }
        }
        this.id = id;
        this.inputs = inputs.clone();
    }

    public String id() {
        return id;
    }

    /** The nodes this one is computed from, in order. */
    public List<Node> inputs() {
        return List.of(inputs);
    }

    /** The value computed by the last solve. */
    public double value() {
        return value;
    }

    /** The derivative left here by the last backward walk. */
    public double grad() {
        return grad;
    }

    /** Sets {@link #value} from the inputs' values. */
    abstract void forward();

    /** Adds {@code grad * d this / d input} into each input's grad: the chain rule's sum over paths. */
    abstract void backward();

    /** Throws when a freshly computed value is not a number, naming this node and its inputs. */
    void checkFinite(String what) {
        if (Double.isNaN(value)) {
            StringBuilder in = new StringBuilder();
            for (Node input : inputs) {
                in.append(in.length() == 0 ? "" : ", ").append(input.id).append(" = ").append(input.value);
            }
            throw new ArithmeticException(getClass().getSimpleName() + " '" + id + "': " + what + " of " + in + " is NaN");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " '" + id + "' = " + value;
    }
}
