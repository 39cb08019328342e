package jgrad.core.scalar;

/** sin x, whose derivative is cos x; the lecture's f(x, y) = xy + sin x needs it. */
public final class Sin extends Node {

    public Sin(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        value = Math.sin(inputs[0].value);
    }

    @Override
    void backward() {
        inputs[0].grad += grad * Math.cos(inputs[0].value);
    }
}
