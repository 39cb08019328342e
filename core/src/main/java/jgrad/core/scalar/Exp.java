package jgrad.core.scalar;

/** e^x, its own derivative. */
public final class Exp extends Node {

    public Exp(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        value = Math.exp(inputs[0].value);
    }

    @Override
    void backward() {
        inputs[0].grad += grad * value;
    }
}
