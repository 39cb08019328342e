package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the tape's gradients with central finite differences, in float64.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(in -> in.get(0).matmul(in.get(1)).tanh(), a, b);
 * assert r.maxError() < 1e-6 : r;
 * }</pre>
 *
 * A function with a non-scalar output is checked through a fixed random projection of its output
 * (the seed gradient), which exercises every entry of its Jacobian.
 */
public final class GradCheck {

    private GradCheck() {}

    /**
     * The worst disagreement found, as |analytic - numeric| / max(1, |analytic|, |numeric|) (relative for
     * large gradients, absolute for small ones), and where: the input's position and the element's flat
     * index.
     */
    public record Result(double maxError, int input, long element, double analytic, double numeric) {
        @Override
        public String toString() {
            return String.format("max error %.3g at input %d, element %d: tape %.10g, finite differences %.10g",
                    maxError, input, element, analytic, numeric);
        }
    }

    /** Checks f at the given inputs with step 1e-6. The inputs are copied to float64; f must not change them. */
    public static Result check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
        return check(f, 1e-6, inputs);
    }

    public static Result check(Function<List<Tensor>, Tensor> f, double step, INDArray... inputs) {
        List<Parameter> params = new ArrayList<>();
        for (INDArray input : inputs) {
            params.add(Tensor.param(input.castTo(DataType.DOUBLE).dup('c')));
        }
        List<Tensor> args = new ArrayList<>(params);
        return check(() -> f.apply(args), params, step);
    }

    /**
     * Checks the gradients of {@code f} with respect to existing float64 parameters (a layer's, say),
     * perturbing each in place and restoring it. Their accumulated gradients are reset.
     */
    public static Result check(Supplier<Tensor> f, List<Parameter> params) {
        return check(f, params, 1e-6);
    }

    public static Result check(Supplier<Tensor> f, List<Parameter> params, double step) {
        for (Parameter p : params) {
            if (p.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("GradCheck: parameters must be float64 for finite differences, got "
                        + p.describe());
            }
            p.zeroGrad();
        }
        INDArray projection;
        List<INDArray> analytic = new ArrayList<>();
        try (Tape tape = Tape.record()) {
            Tensor out = f.get();
            projection = Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5).muli(2);
            tape.backward(out, projection);
            for (Parameter p : params) {
                analytic.add(p.grad().dup());
                p.zeroGrad();
            }
        }
        Result worst = new Result(0, -1, -1, 0, 0);
        for (int i = 0; i < params.size(); i++) {
            INDArray x = params.get(i).value();
            for (long e = 0; e < x.length(); e++) {
                double original = x.getDouble(e);
                x.putScalar(e, original + step);
                double plus = projected(f, projection);
                x.putScalar(e, original - step);
                double minus = projected(f, projection);
                x.putScalar(e, original);
                double numeric = (plus - minus) / (2 * step);
                double a = analytic.get(i).getDouble(e);
                double error = Math.abs(a - numeric) / Math.max(1, Math.max(Math.abs(a), Math.abs(numeric)));
                if (error > worst.maxError() || worst.input() < 0) {
                    worst = new Result(error, i, e, a, numeric);
                }
            }
        }
        return worst;
    }

    private static double projected(Supplier<Tensor> f, INDArray projection) {
        try (Tape scope = Tape.noGrad()) {
            INDArray out = f.get().value();
            if (!Arrays.equals(out.shape(), projection.shape())) {
                throw new IllegalStateException("GradCheck: the function's output shape changed between calls");
            }
            return out.castTo(DataType.DOUBLE).mul(projection).sumNumber().doubleValue();
        }
    }
}
