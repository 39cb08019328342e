package jgrad.core.forward;

import java.util.function.Function;

/**
 * A dual number a + b e with e^2 = 0: a value and its derivative, immutable.
 *
 * <p>Arithmetic on duals is the chain rule: f(a + b e) = f(a) + f'(a) b e. To differentiate, seed the
 * input of interest with derivative 1 ({@link #variable}) and the rest with 0 ({@link #constant}):
 *
 * <pre>{@code
 * Dual x = Dual.variable(3);
 * Dual y = x.mul(x).mul(3).add(1);   // y.value() == 28, y.derivative() == 18
 * }</pre>
 */
public record Dual(double value, double derivative) {

    /** The input we differentiate with respect to: derivative 1. */
    public static Dual variable(double value) {
        return new Dual(value, 1);
    }

    /** A number that does not depend on the input: derivative 0. */
    public static Dual constant(double value) {
        return new Dual(value, 0);
    }

    /**
     * The gradient of a function of n numbers at {@code at}, by n forward passes, one per input seeded
     * with derivative 1.
     */
    public static double[] gradient(Function<Dual[], Dual> f, double... at) {
        double[] gradient = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            Dual[] args = new Dual[at.length];
            for (int j = 0; j < at.length; j++) {
                args[j] = j == i ? variable(at[j]) : constant(at[j]);
            }
            gradient[i] = f.apply(args).derivative();
        }
        return gradient;
    }

    // ---- arithmetic ----

    public Dual add(Dual o) {
        return new Dual(value + o.value, derivative + o.derivative);
    }

    public Dual add(double c) {
        return new Dual(value + c, derivative);
    }

    public Dual sub(Dual o) {
        return new Dual(value - o.value, derivative - o.derivative);
    }

    public Dual sub(double c) {
        return new Dual(value - c, derivative);
    }

    /** (ab)' = a'b + ab'. */
    public Dual mul(Dual o) {
        return new Dual(value * o.value, derivative * o.value + value * o.derivative);
    }

    public Dual mul(double c) {
        return new Dual(value * c, derivative * c);
    }

    /** (a/b)' = (a'b - ab') / b^2. */
    public Dual div(Dual o) {
        if (o.value == 0) {
            throw new ArithmeticException("Dual.div: division of " + this + " by " + o + ", whose value is zero");
        }
        return new Dual(value / o.value, (derivative * o.value - value * o.derivative) / (o.value * o.value));
    }

    public Dual div(double c) {
        if (c == 0) {
            throw new ArithmeticException("Dual.div: division of " + this + " by zero");
        }
        return new Dual(value / c, derivative / c);
    }

    public Dual neg() {
        return new Dual(-value, -derivative);
    }

    // ---- elementary functions ----

    public Dual sin() {
        return new Dual(Math.sin(value), Math.cos(value) * derivative);
    }

    public Dual cos() {
        return new Dual(Math.cos(value), -Math.sin(value) * derivative);
    }

    public Dual exp() {
        double e = Math.exp(value);
        return new Dual(e, e * derivative);
    }

    /** The natural logarithm; the value must be positive. */
    public Dual log() {
        if (!(value > 0)) {
            throw new ArithmeticException("Dual.log: the value " + value + " is not positive");
        }
        return new Dual(Math.log(value), derivative / value);
    }

    /** this^p for a fixed real p: (a^p)' = p a^(p-1) a'. */
    public Dual pow(double p) {
        double v = Math.pow(value, p);
        if (Double.isNaN(v)) {
            throw new ArithmeticException("Dual.pow: " + value + " to the power " + p + " is not a real number");
        }
        // p = 0 is a constant; written out so that 0^-1 does not turn its derivative into NaN.
        return new Dual(v, p == 0 ? 0 : p * Math.pow(value, p - 1) * derivative);
    }

    /** this^o for a positive base: (a^b)' = a^b (b' log a + b a' / a). */
    public Dual pow(Dual o) {
        if (!(value > 0)) {
            throw new ArithmeticException("Dual.pow: the base " + value + " of a variable exponent must be positive");
        }
        double v = Math.pow(value, o.value);
        return new Dual(v, v * (o.derivative * Math.log(value) + o.value * derivative / value));
    }

    /** The square root; the value must not be negative (its derivative is infinite at 0). */
    public Dual sqrt() {
        if (value < 0) {
            throw new ArithmeticException("Dual.sqrt: the value " + value + " is negative");
        }
        double s = Math.sqrt(value);
        return new Dual(s, derivative / (2 * s));
    }

    /** tanh, whose derivative is 1 - tanh^2. */
    public Dual tanh() {
        double t = Math.tanh(value);
        return new Dual(t, (1 - t * t) * derivative);
    }

    /** 1 / (1 + e^-x), whose derivative is s (1 - s). */
    public Dual sigmoid() {
        double s = 1 / (1 + Math.exp(-value));
        return new Dual(s, s * (1 - s) * derivative);
    }

    /** max(x, 0), with derivative 0 at the kink as the reverse engines take it. */
    public Dual relu() {
        return value > 0 ? this : new Dual(0, 0);
    }

    /** The larger of this and o, carrying the chosen one's derivative (this on a tie, as the reverse engines do). */
    public Dual max(Dual o) {
        return value >= o.value ? this : o;
    }

    @Override
    public String toString() {
        return value + " + " + derivative + "e";
    }
}
