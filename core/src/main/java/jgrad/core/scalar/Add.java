package jgrad.core.scalar;

/** The sum of one or more inputs; each input's local derivative is 1. */
public final class Add extends Node {

    public Add(String id, Node... terms) {
        super(id, terms);
        if (terms.length == 0) {
            throw new IllegalArgumentException("Add '" + id + "': needs at least one input");
        }
    }

    @Override
    void forward() {
        double sum = 0;
        for (Node term : inputs) {
            sum += term.value;
        }
        value = sum;
    }

    @Override
    void backward() {
        for (Node term : inputs) {
            term.grad += grad;
        }
    }
}
