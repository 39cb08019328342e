package jgrad.core.scalar;

/**
 * An input of the graph: a number that {@link Solver#solve} sets and that training never moves.
 *
 * <p>A constant made with a value (say the 1 in {@code 1 + e^x}) keeps it unless a solve names it.
 */
public final class Constant extends Node {

    final boolean hasDefault;

    /** An input that every solve must give. */
    public Constant(String id) {
        super(id);
        this.hasDefault = false;
    }

    /** A fixed number, which a solve may still override by naming its id. */
    public Constant(String id, double value) {
        super(id);
        this.value = value;
        this.hasDefault = true;
    }

    @Override
    void forward() {
        // Set by the solver before the forward walk.
    }

    @Override
    void backward() {
        // A leaf: its gradient stays here.
    }
}
