package jgrad.core.scalar;

/** max(x, 0); its derivative is 1 for x > 0 and 0 otherwise (0 at the kink, as every framework takes it). */
public final class Relu extends Node {

    public Relu(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        value = Math.max(inputs[0].value, 0);
    }

    @Override
    void backward() {
        if (inputs[0].value > 0) {
            inputs[0].grad += grad;
        }
    }
}
