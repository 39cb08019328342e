package jgrad.optim;

import java.util.Collection;
import jgrad.core.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), with PyTorch's update. For each
 * parameter w with gradient grad, at its t-th update, with learning rate lr, betas b1, b2, epsilon eps
 * and decay wd:
 *
 * <pre>
 *   w *= 1 - lr * wd                      (only for decayed parameters)
 *   m = b1 * m + (1 - b1) * grad          (m and v start at zero)
 *   v = b2 * v + (1 - b2) * grad^2
 *   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * The decay shrinks the weights by the same fraction whatever the gradient's scale, unlike {@link Adam}'s
 * L2 term, which the normalization by sqrt(v) weakens where gradients are large. The default decay is
 * 0.01, as in PyTorch; state and bias correction are as in {@link Adam}.
 */
public final class AdamW extends AdamBase {

    private AdamW(AdamBuilder<AdamW> b) {
        super("AdamW", b, true);
    }

    /** Starts an AdamW over the given parameters; betas (0.9, 0.999), eps 1e-8, decay 0.01 by default. */
    public static AdamBuilder<AdamW> builder(Collection<Parameter> parameters, double learningRate) {
        return new AdamBuilder<>("AdamW", parameters, learningRate, 0.01, AdamW::new);
    }
}
