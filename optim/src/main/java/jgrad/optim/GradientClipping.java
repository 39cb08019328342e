package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping by global norm: when the L2 norm of all gradients taken together exceeds a bound,
 * every gradient is scaled by {@code maxNorm / norm}, which keeps their direction (PyTorch's
 * {@code clip_grad_norm_}).
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
            if (p.hasGrad()) {
                double n = Nd4j.getBlasWrapper().level1().nrm2(p.grad());
                sumOfSquares += n * n;
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double factor = maxNorm / norm;
            for (Parameter p : parameters) {
                if (p.hasGrad()) {
                    Optimizer.scale(factor, p.grad());
                }
            }
        }
        return norm;
    }
}
