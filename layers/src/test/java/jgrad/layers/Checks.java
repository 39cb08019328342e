package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import jgrad.core.GradCheck;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers for the layer tests. A layer is gradient-checked with respect to its input and its parameters
 * at once: GradCheck hands the function float64 copies of the input and of the layer's parameter values
 * as parameters, and the function builds the layer over those (every layer has a constructor that takes
 * existing parameters), so the tape's gradients and the finite differences both reach them.
 */
final class Checks {

    static final double TOLERANCE = 1e-6;

    private Checks() {}

    /** GradCheck's i-th input, which it makes with Tensor.param, so that a layer can own it. */
    static Parameter param(List<Tensor> in, int i) {
        return (Parameter) in.get(i);
    }

    static void assertGradientsMatch(String what, Function<List<Tensor>, Tensor> f, INDArray... inputs) {
        GradCheck.Result result = GradCheck.check(f, inputs);
        assertTrue(result.maxError() < TOLERANCE, what + ": " + result);
    }

    /** float64 values in [-2, 2), from a seeded generator. */
    static INDArray rand(long seed, long... shape) {
        Random rng = new Random(seed);
        double[] values = new double[(int) length(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 4 * rng.nextDouble() - 2;
        }
        return Nd4j.createFromArray(values).reshape('c', shape);
    }

    /** float64 values kept at least 0.1 away from 0 and from +-1, where relu and hardtanh have kinks. */
    static INDArray awayFromKinks(long seed, long... shape) {
        INDArray x = rand(seed, shape);
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            double nearest = Math.rint(v);
            if (Math.abs(v - nearest) < 0.1) {
                x.putScalar(i, nearest + Math.copySign(0.1, v - nearest == 0 ? 1 : v - nearest));
            }
        }
        return x;
    }

    static long length(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
