package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping by global norm, as PyTorch's {@code clip_grad_norm_} does it: with norm the L2 norm
 * of all gradients taken together, every gradient is multiplied by
 * {@code min(1, maxNorm / (norm + 1e-6))}, which keeps their direction. The 1e-6 guards the division, so a
 * clipped norm ends slightly below {@code maxNorm} (at norm 0.08 and maxNorm 0.01, by a relative 1.2e-5),
 * exactly as in PyTorch. A row-sparse gradient counts and is scaled by its rows (each listed once, with
 * its summed gradient), so it stays sparse.
 */
public final class GradientClipping {

    /** PyTorch's guard against division by zero in {@code clip_grad_norm_}. */
    private static final double EPSILON = 1e-6;

    private GradientClipping() {}

    /**
     * Scales the gradients of {@code parameters} in place so that their global norm is at most
     * {@code maxNorm} (see above for the exact factor), and returns the norm before clipping. Parameters without a gradient count as zero
     * and are left alone. A non-finite norm is returned as is and nothing is scaled, so the caller can
     * see it and skip the step.
     */
    public static double clipByGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipByGlobalNorm: maxNorm must be finite and > 0, got " + maxNorm);
        }
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            INDArray g = gradient(p);
            if (g != null) {
                double n = Nd4j.getBlasWrapper().level1().nrm2(g);
                sumOfSquares += n * n;
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double factor = maxNorm / (norm + EPSILON);
        if (factor < 1 && Double.isFinite(norm)) {
            for (Parameter p : parameters) {
                INDArray g = gradient(p);
                if (g != null) {
                    Optimizer.scale(factor, g);
                }
            }
        }
        return norm;
    }

    /** The gradient's values as they are held: the rows of a row-sparse one (not made dense), or null. */
    private static INDArray gradient(Parameter p) {
        if (!p.hasGrad()) {
            return null;
        }
        RowSparseGrad rows = p.sparseGrad();
        if (rows == null) {
            return p.grad();
        }
        return rows.count() == 0 ? null : rows.values();
    }
}
