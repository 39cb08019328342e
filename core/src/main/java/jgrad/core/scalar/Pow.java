package jgrad.core.scalar;

/** x^p for a fixed real exponent p; d/dx = p x^(p-1). */
public final class Pow extends Node {

    private final double exponent;

    public Pow(String id, Node base, double exponent) {
        super(id, base);
        this.exponent = exponent;
    }

    public double exponent() {
        return exponent;
    }

    @Override
    void forward() {
        value = Math.pow(inputs[0].value, exponent);
        checkFinite("the power " + exponent);
    }

    @Override
    void backward() {
        if (exponent != 0) { // x^0 is constant; 0^-1 would turn its derivative into NaN
            inputs[0].grad += grad * exponent * Math.pow(inputs[0].value, exponent - 1);
        }
    }
}
