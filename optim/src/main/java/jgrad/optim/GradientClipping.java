package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping by global norm, as PyTorch's {@code clip_grad_norm_} does it: with norm the L2 norm
 * of all gradients taken together, every gradient is multiplied by
 * {@code min(1, maxNorm / (norm + 1e-6))}, which keeps their direction. The 1e-6 guards the division, so a
 * clipped norm ends slightly below {@code maxNorm} (at norm 0.08 and maxNorm 0.01, by a relative 1.2e-5),
 * exactly as in PyTorch.
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
            if (p.hasGrad()) {
                double n = Nd4j.getBlasWrapper().level1().nrm2(p.grad());
                sumOfSquares += n * n;
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double factor = maxNorm / (norm + EPSILON);
        if (factor < 1 && Double.isFinite(norm)) {
            for (Parameter p : parameters) {
                if (p.hasGrad()) {
                    Optimizer.scale(factor, p.grad());
                }
            }
        }
        return norm;
    }
}
