package jgrad.optim;

import java.util.Collection;
import java.util.List;
import jgrad.core.MomentumStep;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with optional momentum (classic or Nesterov) and L2 weight decay, with
 * PyTorch's update. For each parameter w with gradient grad, learning rate lr, momentum mu and decay wd:
 *
 * <pre>
 *   g = grad + wd * w          (only for decayed parameters; others use g = grad)
 *   v = mu * v + g             (v starts at zero, so the first step sets v = g)
 *   classic:   w -= lr * v
 *   Nesterov:  w -= lr * (g + mu * v)
 *   no momentum (mu = 0):  w -= lr * g
 * </pre>
 *
 * <p>The state is one buffer per parameter, {@code momentum}, when mu &gt; 0. Make one with
 * {@link #builder(Collection, double)}; decay applies to every parameter unless a decayed subset is
 * given (leave biases and normalization weights out: see {@link Optimizer#select}).
 *
 * <p>Decay is dense: an embedding table whose gradient touches a few rows is decayed in every row, each
 * step it has a gradient, exactly as PyTorch's {@code weight_decay} does. A parameter that received no
 * gradient since {@link #zeroGrad()} is skipped entirely (neither decayed nor moved by momentum).
 *
 * <p><b>Row-sparse gradients, updated lazily and exactly.</b> When a parameter's gradient is a
 * {@link RowSparseGrad}, a step updates only its rows, by the formula above. Every other row has gradient
 * zero in that step, and under momentum or decay would still move; that move is deferred, and applied
 * when the row is next looked up, or before anyone reads the whole value ({@link Parameter#value()}) or
 * this optimizer's state (a checkpoint). Since with a zero gradient a row's (w, v) follows a fixed linear
 * recurrence, k skipped steps are a product of k 2x2 matrices, formed from the learning rates of those
 * steps (so schedules are honoured): the weights equal those of the dense update to float rounding, and
 * a step costs the rows it touched, not the table. Without momentum and decay, idle rows do not move and
 * nothing is deferred. A dense gradient on such a parameter first brings every row up to date.
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;

    private SGD(Builder b) {
        super("SGD", b.parameters, b.learningRate, b.momentum > 0 ? List.of("momentum") : List.of(), false);
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
        setWeightDecay(b.weightDecay, b.decayed);
    }

    /** Starts an SGD over the given parameters with a learning rate; no momentum and no decay by default. */
    public static Builder builder(Collection<Parameter> parameters, double learningRate) {
        return new Builder(parameters, learningRate);
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void updateRows(Parameter p, RowSparseGrad rows, State state) {
        if (state.lazyRows == null) {
            INDArray velocity = momentum > 0 ? state.buffers[0] : null;
            state.lazyRows = new LazySgdRows(p, velocity, momentum, nesterov, state.weightDecay, state.steps - 1);
        }
        state.lazyRows.step(rows, learningRate());
    }

    @Override
    void update(INDArray w, INDArray grad, State state) {
        if (state.lazyRows != null) {
            state.lazyRows.beforeDenseStep();
            updateDense(w, grad, state);
            state.lazyRows.afterDenseStep();
        } else {
            updateDense(w, grad, state);
        }
    }

    private void updateDense(INDArray w, INDArray grad, State state) {
        double lr = learningRate();
        double wd = state.weightDecay;
        if (momentum == 0) {
            // w - lr * (grad + wd * w) = (1 - lr * wd) * w - lr * grad
            scale(1 - lr * wd, w);
            axpy(-lr, grad, w);
            return;
        }
        INDArray v = state.buffers[0];
        if (!nesterov && MomentumStep.apply(w, grad, v, lr, momentum, wd)) {
            return; // the same calls as below, chunk by chunk, shared by the product threads
        }
        scale(momentum, v);
        axpy(1, grad, v);
        if (wd != 0) {
            axpy(wd, w, v); // before w moves: the decay term uses the old weights
        }
        if (nesterov) {
            // w - lr * (grad + wd * w + mu * v)
            scale(1 - lr * wd, w);
            axpy(-lr, grad, w);
            axpy(-lr * momentum, v, w);
        } else {
            axpy(-lr, v, w);
        }
    }

    /** The settings of an {@link SGD}; {@link #build()} checks them and allocates the state. */
    public static final class Builder {
        private final Collection<Parameter> parameters;
        private final double learningRate;
        private double momentum;
        private boolean nesterov;
        private double weightDecay;
        private Collection<Parameter> decayed;

        private Builder(Collection<Parameter> parameters, double learningRate) {
            this.parameters = parameters;
            this.learningRate = learningRate;
        }

        /** The momentum mu, in [0, 1); 0 (the default) is plain gradient descent. */
        public Builder momentum(double momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /** Nesterov momentum instead of classic; needs momentum &gt; 0. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** L2 decay of every parameter: {@code wd * w} is added to its gradient. */
        public Builder weightDecay(double weightDecay) {
            return weightDecay(weightDecay, null);
        }

        /** L2 decay of the given parameters only (a subset of those optimized; null means all). */
        public Builder weightDecay(double weightDecay, Collection<Parameter> decayed) {
            requireNonNegative("SGD", "weight decay", weightDecay);
            this.weightDecay = weightDecay;
            this.decayed = decayed == null ? null : List.copyOf(decayed);
            return this;
        }

        public SGD build() {
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0");
            }
            return new SGD(this);
        }
    }
}
