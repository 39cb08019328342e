package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;

/**
 * Adam (Kingma and Ba, 2015) with optional L2 weight decay added to the gradient, with PyTorch's update.
 * For each parameter w with gradient grad, at its t-th update (t = 1, 2, ...), with learning rate lr,
 * betas b1, b2, epsilon eps and decay wd:
 *
 * <pre>
 *   g = grad + wd * w                     (only for decayed parameters; others use g = grad)
 *   m = b1 * m + (1 - b1) * g             (m and v start at zero)
 *   v = b2 * v + (1 - b2) * g^2
 *   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * computed as PyTorch does: {@code w -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 * The state per parameter is {@code m}, {@code v} and the update count t ({@code step}), which counts
 * only the steps in which the parameter had a gradient. Decay through the gradient is scaled down by
 * Adam's normalization along with it; {@link AdamW} decays the weights directly instead.
 */
public final class Adam extends AdamBase {

    private Adam(AdamBuilder<Adam> b) {
        super("Adam", b, false);
    }

    /** Starts an Adam over the given parameters; betas (0.9, 0.999), eps 1e-8 and no decay by default. */
    public static AdamBuilder<Adam> builder(Collection<Parameter> parameters, double learningRate) {
        return new AdamBuilder<>("Adam", parameters, learningRate, 0, Adam::new);
    }
}
