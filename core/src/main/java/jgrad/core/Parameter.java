package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor: its value and its gradient live as long as the model, outside any tape.
 *
 * <p>Gradients from successive {@link Tape#backward} calls add up until {@link #zeroGrad()}. Optimizers
 * update {@link #value()} in place, so layers and optimizers share a parameter by reference.
 */
public final class Parameter extends Tensor {

    private final INDArray gradient;
    /** Whether {@link #gradient} holds stale contents that mean zero (so zeroGrad costs nothing). */
    private boolean gradIsZero = true;
    /** Whether a backward has added into the gradient since the last zeroGrad. */
    private boolean arrived;

    Parameter(INDArray value) {
        super(value);
        if (!value.dataType().isFPType()) {
            throw new IllegalArgumentException("Tensor.param: a parameter must be floating point, got " + value.dataType());
        }
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.gradient = Nd4j.createUninitialized(value.dataType(), value.shape(), 'c');
        }
    }

    /** d loss / d this, accumulated since the last {@link #zeroGrad()} (zeros if nothing flowed). */
    @Override
    public INDArray grad() {
        if (gradIsZero) {
            gradient.assign(0);
            gradIsZero = false;
        }
        return gradient;
    }

    /**
     * Sets the gradient to {@code gradient} (copied; same shape), as if a backward had produced it: for
     * gradients computed elsewhere, and for tests of optimizers. Writing into {@link #grad()} changes the
     * values but does not count as a gradient arriving.
     */
    public void setGrad(INDArray gradient) {
        if (!java.util.Arrays.equals(gradient.shape(), this.gradient.shape())) {
            throw new IllegalArgumentException("setGrad: gradient " + java.util.Arrays.toString(gradient.shape())
                    + " does not match the parameter " + java.util.Arrays.toString(this.gradient.shape()));
        }
        this.gradient.assign(gradient);
        gradIsZero = false;
        arrived = true;
    }

    /** Whether any gradient has arrived (by backward or {@link #setGrad}) since the last {@link #zeroGrad()}. */
    public boolean hasGrad() {
        return arrived;
    }

    /** Resets the gradient to zero. */
    public void zeroGrad() {
        gradIsZero = true;
        arrived = false;
    }

    @Override
    INDArray gradIfAny() {
        return gradIsZero ? null : gradient;
    }

    @Override
    void clearGrad() {
        // A parameter's gradient accumulates across backward calls; only zeroGrad clears it.
    }

    @Override
    void accumulateGrad(GradWriter writer) {
        boolean accumulate = !gradIsZero;
        gradIsZero = false;
        arrived = true;
        writer.write(gradient, accumulate);
    }
}
