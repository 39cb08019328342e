package jgrad.core.scalar;

/** 1 / (1 + e^-x), whose derivative is s (1 - s). */
public final class Sigmoid extends Node {

    public Sigmoid(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        value = 1 / (1 + Math.exp(-inputs[0].value));
    }

    @Override
    void backward() {
        inputs[0].grad += grad * value * (1 - value);
    }
}
