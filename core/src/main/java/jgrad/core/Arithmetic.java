package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** add, sub, mul, div (broadcasting as NumPy does), neg, and their scalar forms. */
final class Arithmetic {

    private Arithmetic() {}

    /** The output buffer of a binary op: the broadcast shape of its operands, after type and shape checks. */
    private static INDArray output(String op, Tensor a, Tensor b) {
        Check.sameType(op, a, b);
        return Tape.allocate(a.dataType(), Broadcast.shape(op, a.shape(), b.shape()));
    }

    static Tensor add(Tensor a, Tensor b) {
        INDArray out = output("add", a, b);
        Kernels.add(a.value(), b.value(), out);
        return Tape.result("add", out, (g, y) -> {
            a.addToGrad(g);
            b.addToGrad(g);
        }, a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        INDArray out = output("sub", a, b);
        Kernels.sub(a.value(), b.value(), out);
        return Tape.result("sub", out, (g, y) -> {
            a.addToGrad(g);
            if (b.requiresGrad()) {
                b.addToGrad(negated(g));
            }
        }, a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        INDArray out = output("mul", a, b);
        Kernels.mul(a.value(), b.value(), out);
        return Tape.result("mul", out, (g, y) -> {
            addProduct(a, g, b.value()); // d(ab)/da = b
            addProduct(b, g, a.value());
        }, a, b);
    }

    static Tensor div(Tensor a, Tensor b) {
        INDArray out = output("div", a, b);
        Kernels.div(a.value(), b.value(), out);
        return Tape.result("div", out, (g, y) -> {
            if (a.requiresGrad()) {
                INDArray ga = Tape.allocate(g.dataType(), g.shape());
                Kernels.div(g, b.value(), ga); // d(a/b)/da = 1/b
                a.addToGrad(ga);
            }
            if (b.requiresGrad()) {
                INDArray gb = Tape.allocate(g.dataType(), g.shape());
                Kernels.mul(g, y, gb);
                Kernels.div(gb, b.value(), gb);
                Kernels.affine(gb, -1, 0, gb); // d(a/b)/db = -a/b^2 = -y/b
                b.addToGrad(gb);
            }
        }, a, b);
    }

    static Tensor neg(Tensor a) {
        INDArray out = Tape.allocate(a.dataType(), a.shape());
        Kernels.affine(a.value(), -1, 0, out);
        return Tape.result("neg", out, (g, y) -> a.accumulateGrad(t -> Kernels.affine(g, -1, 0, t)), a);
    }

    /** a * scale + shift, for a scalar scale and shift. */
    static Tensor affine(String op, Tensor a, double scale, double shift) {
        INDArray out = Tape.allocate(a.dataType(), a.shape());
        Kernels.affine(a.value(), scale, shift, out);
        return Tape.result(op, out, (g, y) -> a.accumulateGrad(t -> Kernels.affine(g, scale, 0, t)), a);
    }

    /** Adds g * factor into the gradient of t, summing over the axes that broadcasting added. */
    private static void addProduct(Tensor t, INDArray g, INDArray factor) {
        if (!t.requiresGrad()) {
            return;
        }
        if (Arrays.equals(t.shape(), g.shape())) {
            t.accumulateGrad(target -> Kernels.mul(g, factor, target));
        } else {
            INDArray product = Tape.allocate(g.dataType(), g.shape());
            Kernels.mul(g, factor, product);
            t.addToGrad(product);
        }
    }

    private static INDArray negated(INDArray g) {
        INDArray out = Tape.allocate(g.dataType(), g.shape());
        Kernels.affine(g, -1, 0, out);
        return out;
    }
}
