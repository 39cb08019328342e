package jgrad.core.scalar;

/** a * b; d/da = b and d/db = a. */
public final class Multiply extends Node {

    public Multiply(String id, Node a, Node b) {
        super(id, a, b);
    }

    @Override
    void forward() {
        value = inputs[0].value * inputs[1].value;
    }

    @Override
    void backward() {
        // Two additions, so that a * a (one node on both sides) receives 2a.
        inputs[0].grad += grad * inputs[1].value;
        inputs[1].grad += grad * inputs[0].value;
    }
}
