package jgrad.core.scalar;

/**
 * A trainable number: {@link Solver#fit} moves it against the output errors. Its first value comes from
 * the solver's initial values.
 */
public final class Variable extends Node {

    public Variable(String id) {
        super(id);
    }

    @Override
    void forward() {
        // Holds its value between solves; only fit changes it.
    }

    @Override
    void backward() {
        // A leaf: its gradient stays here for fit to use.
    }
}
