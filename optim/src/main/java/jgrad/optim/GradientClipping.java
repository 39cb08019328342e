package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping by global norm: when the L2 norm of all gradients taken together exceeds a bound,
 * every gradient is scaled by {@code maxNorm / norm}, which keeps their direction (PyTorch's
 * {@code clip_grad_norm_}). A row-sparse gradient counts and is scaled by its rows (each listed once,
 * with its summed gradient), so it stays sparse.
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales the gradients of {@code parameters} in place so that their global norm is at most
     * {@code maxNorm}, and returns the norm before clipping. Parameters without a gradient count as zero
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
        if (norm > maxNorm && Double.isFinite(norm)) {
            double factor = maxNorm / norm;
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
