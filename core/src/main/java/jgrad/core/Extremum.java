package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise max and min of two tensors of the same shape. The gradient is routed, not shared: each
 * element's gradient goes to the input that was chosen there, and to the first input on a tie (libnd4j's
 * maximum_bp would send it to both, doubling it).
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
        boolean max = op.equals("max");
        return Tape.result(op, out, (g, y) -> {
            // b is chosen where it is strictly better: step(b - a) for max, step(a - b) for min.
            INDArray gradB = Tape.allocate(g.dataType(), g.shape());
            Kernels.sub(max ? b.value() : a.value(), max ? a.value() : b.value(), gradB);
            Nd4j.exec(new Step(gradB, gradB, 0.0));
            Kernels.mul(g, gradB, gradB);
            if (a.requiresGrad()) {
                INDArray gradA = Tape.allocate(g.dataType(), g.shape());
                Kernels.sub(g, gradB, gradA);
                a.addToGrad(gradA);
            }
            b.addToGrad(gradB);
        }, a, b);
    }
}
