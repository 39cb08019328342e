package jgrad.core.scalar;

/** The larger of a and b; the whole gradient goes to the one chosen (to a on a tie). */
public final class Max extends Node {

    public Max(String id, Node a, Node b) {
        super(id, a, b);
    }

    @Override
    void forward() {
        value = Math.max(inputs[0].value, inputs[1].value);
    }

    @Override
    void backward() {
        if (inputs[0].value >= inputs[1].value) {
            inputs[0].grad += grad;
        } else {
            inputs[1].grad += grad;
        }
    }
}
