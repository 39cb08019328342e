package jgrad.core.scalar;

/** The natural logarithm of a positive input; d/dx = 1 / x. */
public final class Log extends Node {

    public Log(String id, Node x) {
        super(id, x);
    }

    @Override
    void forward() {
        double x = inputs[0].value;
        if (!(x > 0)) {
            throw new ArithmeticException("Log '" + id() + "': input " + inputs[0].id() + " = " + x + " is not positive");
        }
        value = Math.log(x);
    }

    @Override
    void backward() {
        inputs[0].grad += grad / inputs[0].value;
    }
}
