package jgrad.core.scalar;

/** tanh x, whose derivative is 1 - tanh^2 x. */
public final class Tanh extends Node {

    public Tanh(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        value = Math.tanh(inputs[0].value);
    }

    @Override
    void backward() {
        inputs[0].grad += grad * (1 - value * value);
    }
}
