package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.transforms.strict.HardTanh;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise functions of one tensor. Each forward is one ND4J transform into the output buffer; each
 * backward multiplies gradOut by the derivative, written from the input x or the output y.
 */
final class Unary {

    private Unary() {}

    /** Computes the forward into {@code out}. */
    @FunctionalInterface
    private interface Forward {
        void apply(INDArray x, INDArray out);
    }

    /** Writes d loss / d x into {@code target} from gradOut g, input x and output y. */
    @FunctionalInterface
    private interface Derivative {
        void apply(INDArray g, INDArray x, INDArray y, INDArray target);
    }

    private static Tensor elementwise(String op, Tensor x, Forward forward, Derivative derivative) {
        Check.floatingPoint(op, x);
        INDArray out = Tape.allocate(x.dataType(), x.shape());
        forward.apply(x.value(), out);
        return Tape.result(op, out, (g, y) -> x.accumulateGrad(t -> derivative.apply(g, x.value(), y, t)), x);
    }

    static Tensor exp(Tensor x) {
        return elementwise("exp", x, (v, out) -> Kernels.strict(Kernels.Strict.EXP, v, out),
                (g, v, y, t) -> Kernels.mul(g, y, t)); // (e^x)' = e^x
    }

    static Tensor log(Tensor x) {
        return elementwise("log", x, (v, out) -> Kernels.strict(Kernels.Strict.LOG, v, out),
                (g, v, y, t) -> Kernels.div(g, v, t)); // (ln x)' = 1/x
    }

    static Tensor pow(Tensor x, double p) {
        if (p == 0) { // x^0 = 1 everywhere, so the gradient is 0, even at x = 0 where p x^(p-1) is 0 * inf
            return elementwise("pow", x, (v, out) -> out.assign(1), (g, v, y, t) -> t.assign(0));
        }
        if (p == 1) {
            return elementwise("pow", x, (v, out) -> Kernels.copy(v, out), (g, v, y, t) -> Kernels.copy(g, t));
        }
        return elementwise("pow", x, (v, out) -> Nd4j.exec(new Pow(v, out, p)), (g, v, y, t) -> {
            Nd4j.exec(new Pow(v, t, p - 1)); // (x^p)' = p x^(p-1)
            Kernels.affine(t, p, 0, t);
            Kernels.mul(g, t, t);
        });
    }

    static Tensor sqrt(Tensor x) {
        return elementwise("sqrt", x, (v, out) -> Nd4j.exec(new Pow(v, out, 0.5)), (g, v, y, t) -> {
            Kernels.div(g, y, t); // (sqrt x)' = 1 / (2 sqrt x)
            Kernels.affine(t, 0.5, 0, t);
        });
    }

    static Tensor sin(Tensor x) {
        return elementwise("sin", x, (v, out) -> Kernels.strict(Kernels.Strict.SIN, v, out), (g, v, y, t) -> {
            Kernels.strict(Kernels.Strict.COS, v, t);
            Kernels.mul(g, t, t);
        });
    }

    static Tensor cos(Tensor x) {
        return elementwise("cos", x, (v, out) -> Kernels.strict(Kernels.Strict.COS, v, out), (g, v, y, t) -> {
            Kernels.strict(Kernels.Strict.SIN, v, t); // (cos x)' = -sin x
            Kernels.affine(t, -1, 0, t);
            Kernels.mul(g, t, t);
        });
    }

    static Tensor tanh(Tensor x) {
        return elementwise("tanh", x, (v, out) -> Kernels.strict(Kernels.Strict.TANH, v, out), (g, v, y, t) -> {
            Kernels.mul(y, y, t); // (tanh x)' = 1 - y^2
            Kernels.affine(t, -1, 1, t);
            Kernels.mul(g, t, t);
        });
    }

    static Tensor sigmoid(Tensor x) {
        return elementwise("sigmoid", x, (v, out) -> Kernels.strict(Kernels.Strict.SIGMOID, v, out), (g, v, y, t) -> {
            Kernels.affine(y, -1, 1, t); // sigmoid' = y (1 - y)
            Kernels.mul(t, y, t);
            Kernels.mul(g, t, t);
        });
    }

    static Tensor relu(Tensor x) {
        return elementwise("relu", x, Kernels::relu,
                (g, v, y, t) -> Kernels.reluBackward(g, y, t)); // g where x > 0, read from y = relu(x)
    }

    static Tensor hardtanh(Tensor x) {
        // g where -1 < x < 1, i.e. where |y| < 1, and 0 at exactly -1 and 1 as in PyTorch (libnd4j's
        // hardtanh_bp passes g through there): the mask is step(-|y| > -1).
        return elementwise("hardtanh", x, (v, out) -> Nd4j.exec(new HardTanh(v, out)), (g, v, y, t) -> {
            Nd4j.exec(new Abs(y, t));
            Kernels.affine(t, -1, 0, t);
            Nd4j.exec(new Step(t, t, -1.0));
            Kernels.mul(g, t, t);
        });
    }
}
