package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise max and min of two tensors of the same shape. The gradient is routed, not shared: each
 * element's gradient goes to the input that was chosen there.
 */
final class Extremum {

    private Extremum() {}

    static Tensor max(Tensor a, Tensor b) {
        return choose("max", "maximum", a, b);
    }

    static Tensor min(Tensor a, Tensor b) {
        return choose("min", "minimum", a, b);
    }

    private static Tensor choose(String op, String kernel, Tensor a, Tensor b) {
        Check.sameType(op, a, b);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Check.shape(a.shape()) + " and " + Check.shape(b.shape())
                    + " differ; elementwise " + op + " needs equal shapes");
        }
        INDArray out = Tape.allocate(a.dataType(), a.shape());
        Kernels.custom(kernel, new INDArray[] {a.value(), b.value()}, new INDArray[] {out});
        return Tape.result(op, out, (g, y) -> {
            INDArray gradA = Tape.allocate(g.dataType(), g.shape());
            INDArray gradB = Tape.allocate(g.dataType(), g.shape());
            Kernels.custom(kernel + "_bp", new INDArray[] {a.value(), b.value(), g}, new INDArray[] {gradA, gradB});
            a.addToGrad(gradA);
            b.addToGrad(gradB);
        }, a, b);
    }
}
