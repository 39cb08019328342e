package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A value held in an ND4J {@link INDArray}, and the node of the autodiff graph that made it.
 *
 * <p>Make inputs with {@link #of(INDArray)} (a constant) and trainable values with
 * {@link #param(INDArray)}; every op on a tensor returns a new tensor, recorded on the open
 * {@link Tape} when one of its inputs requires a gradient. Elementwise and shape ops are methods here;
 * binary elementwise ops broadcast as NumPy does. Losses, gathering, concatenation and convolution are
 * in {@link Ops}. Float32 is the default type; float64 works everywhere (gradient checks use it); the two
 * inputs of a binary op must have the same type.
 *
 * <p>A tensor made while a tape is open lives until that tape closes; use {@link #item()} or
 * {@link #keep()} to take a result out of the step.
 */
public class Tensor {

    static {
        Threads.initialize(); // jgrad picks its threads when it starts, before the first kernel runs
    }

    private final INDArray value;
    private final String op;
    /** The tape whose step memory holds {@link #value}; null for tensors that outlive any step. */
    private final Tape owner;
    /** The tape that recorded the op making this tensor; null for constants and parameters. */
    private final Tape recordedOn;
    private final boolean requiresGrad;
    /** d loss / d this, for a recorded result: step memory, set during backward. */
    private INDArray grad;

    Tensor(INDArray value, String op, Tape owner, Tape recordedOn) {
        this.value = value;
        this.op = op;
        this.owner = owner;
        this.recordedOn = recordedOn;
        this.requiresGrad = recordedOn != null;
    }

    /** For parameters: no tape, and a gradient. */
    Tensor(INDArray value) {
        this.value = value;
        this.op = "param";
        this.owner = null;
        this.recordedOn = null;
        this.requiresGrad = true;
    }

    /** A constant: the tape never differentiates with respect to it. The array is used as is, not copied. */
    public static Tensor of(INDArray value) {
        return new Tensor(checkNotNull(value, "Tensor.of"), "const", null, null);
    }

    /** A float32 scalar constant. */
    public static Tensor scalar(double value) {
        return scalar(value, DataType.FLOAT);
    }

    /** A scalar constant of the given type. */
    public static Tensor scalar(double value, DataType type) {
        return of(Nd4j.scalar(type, value));
    }

    /** A trainable value whose gradient the tape accumulates; the array is used as is, not copied. */
    public static Parameter param(INDArray value) {
        return new Parameter(checkNotNull(value, "Tensor.param"));
    }

    private static INDArray checkNotNull(INDArray value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": the array is null");
        }
        return value;
    }

    // ---- state ----

    /** The value. For a tensor made while a tape was open, valid until that tape closes. */
    public INDArray value() {
        if (owner != null && owner.isClosed()) {
            throw new IllegalStateException("the result of '" + op + "' " + Arrays.toString(value.shape())
                    + " was released when its tape closed; call keep() or item() inside the tape to use it afterwards");
        }
        return value;
    }

    /**
     * d loss / d this after {@link Tape#backward}: accumulated across backward calls for a
     * {@link Parameter}; for a recorded result, the gradient of the last backward, valid until its tape
     * closes. Null when no gradient has reached this tensor.
     */
    public INDArray grad() {
        value();
        return grad;
    }

    public long[] shape() {
        return value.shape();
    }

    public int rank() {
        return value.rank();
    }

    public DataType dataType() {
        return value.dataType();
    }

    /** Whether the tape sends gradients to this tensor: true for parameters and for recorded results. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The name of the op that made this tensor ({@code const} and {@code param} for inputs). */
    public String op() {
        return op;
    }

    /** The value of a one-element tensor. */
    public double item() {
        INDArray v = value();
        if (v.length() != 1) {
            throw new IllegalStateException("item: tensor has shape " + Arrays.toString(v.shape()) + ", not one element");
        }
        return v.getDouble(0);
    }

    /** The same value as a constant: gradients stop here. Shares the array (and so its lifetime). */
    public Tensor detach() {
        return new Tensor(value(), "detach", owner, null);
    }

    /** A constant copy that outlives the step: the way to keep a result after the tape closes. */
    public Tensor keep() {
        INDArray copy;
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = value().dup('c');
        }
        return of(copy);
    }

    // ---- elementwise and shape ops (the rest are in Ops) ----

    /** this + other, broadcasting. */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /** this + c. */
    public Tensor add(double c) {
        return Arithmetic.affine("add", this, 1, c);
    }

    /** this - other, broadcasting. */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /** this - c. */
    public Tensor sub(double c) {
        return Arithmetic.affine("sub", this, 1, -c);
    }

    /** this * other elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /** this * c. */
    public Tensor mul(double c) {
        return Arithmetic.affine("mul", this, c, 0);
    }

    /** this / other elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /** this / c. */
    public Tensor div(double c) {
        return Arithmetic.affine("div", this, 1 / c, 0);
    }

    /** -this. */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    /** The matrix product of [n, k] and [k, m]: [n, m]. */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /** The transpose of a matrix (a view, no copy). */
    public Tensor transpose() {
        return Shapes.transpose(this);
    }

    /** The same elements, in row-major order, under a new shape; one size may be -1. */
    public Tensor reshape(long... shape) {
        return Shapes.reshape(this, shape);
    }

    /** The sum of all elements, a scalar. */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** The sum along an axis, which the result drops (-1 is the last). */
    public Tensor sum(int axis) {
        return Reductions.sum(this, axis);
    }

    /**
     * The largest element along an axis, which the result drops (-1 is the last); its gradient goes to
     * the chosen element, the first on a tie.
     */
    public Tensor max(int axis) {
        return Reductions.max(this, axis);
    }

    /** The mean of all elements, a scalar. */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    /** The mean along an axis, which the result drops (-1 is the last). */
    public Tensor mean(int axis) {
        return Reductions.mean(this, axis);
    }

    public Tensor exp() {
        return Unary.exp(this);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return Unary.log(this);
    }

    /** this raised to the power p, elementwise. */
    public Tensor pow(double p) {
        return Unary.pow(this, p);
    }

    public Tensor sqrt() {
        return Unary.sqrt(this);
    }

    public Tensor sin() {
        return Unary.sin(this);
    }

    public Tensor cos() {
        return Unary.cos(this);
    }

    public Tensor tanh() {
        return Unary.tanh(this);
    }

    /** 1 / (1 + e^-x). */
    public Tensor sigmoid() {
        return Unary.sigmoid(this);
    }

    /** max(x, 0). */
    public Tensor relu() {
        return Unary.relu(this);
    }

    /** x clipped to [-1, 1]; its gradient is 1 where {@code -1 < x < 1} and 0 elsewhere, at -1 and 1 too (as in PyTorch). */
    public Tensor hardtanh() {
        return Unary.hardtanh(this);
    }

    /** The larger of this and other, elementwise (same shapes); the gradient goes to the one chosen. */
    public Tensor max(Tensor other) {
        return Extremum.max(this, other);
    }

    /** The smaller of this and other, elementwise (same shapes); the gradient goes to the one chosen. */
    public Tensor min(Tensor other) {
        return Extremum.min(this, other);
    }

    /** e^x / sum(e^x) along an axis, computed as e^(x - m) / sum(e^(x - m)) with m the maximum along it. */
    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    /**
     * log(softmax(x)) along an axis, computed as (x - m) - log(sum(e^(x - m))) with m the maximum along it:
     * exact to a few ulps however far an entry lies below the maximum, where the log of a softmax would
     * underflow to -inf.
     */
    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    @Override
    public String toString() {
        return describe() + (owner != null && owner.isClosed() ? " (released)" : "\n" + value);
    }

    /** The op, type and shape, as error messages and graphs name a tensor. */
    String describe() {
        return op + " " + value.dataType().name().toLowerCase() + Arrays.toString(value.shape());
    }

    // ---- gradient accumulation, used by the backward rules ----

    /** Writes a contribution to the gradient: {@code write(target, accumulate)} must add into target when accumulate is set. */
    @FunctionalInterface
    interface GradWriter {
        void write(INDArray target, boolean accumulate);
    }

    Tape recordedOn() {
        return recordedOn;
    }

    INDArray gradIfAny() {
        return grad;
    }

    void clearGrad() {
        grad = null;
    }

    /**
     * Adds a contribution by letting {@code writer} write or add it straight into the gradient buffer
     * (matmul's backward adds with gemm's beta = 1 and needs no temporary array).
     */
    void accumulateGrad(GradWriter writer) {
        if (!requiresGrad) {
            return;
        }
        if (grad == null) {
            // From the memory of the tape that holds the value, which may outlive the tape running backward.
            grad = Tape.allocateIn(owner, value.dataType(), value.shape());
            writer.write(grad, false);
        } else {
            writer.write(grad, true);
        }
    }

    /**
     * Adds a contribution computed into a buffer of this tensor's shape by {@code compute}: straight into
     * the gradient when it is the first, through a temporary array otherwise.
     */
    void accumulateGrad(java.util.function.Consumer<INDArray> compute) {
        accumulateGrad((target, accumulate) -> {
            if (!accumulate) {
                compute.accept(target);
            } else {
                INDArray contribution = Tape.allocate(target.dataType(), target.shape());
                compute.accept(contribution);
                Kernels.add(target, contribution, target);
            }
        });
    }

    /**
     * The value, of which a lookup will read the rows {@code rows} only (a parameter with deferred
     * updates brings just those rows up to date).
     */
    INDArray valueOfRows(int[] rows) {
        return value();
    }

    /**
     * Adds {@code contributions} [n, rowLength] into rows {@code rows} [n] of the gradient (this tensor
     * being a table [rows, ...]); a row listed twice receives both. A parameter that uses sparse
     * gradients keeps them as a {@link RowSparseGrad} instead.
     */
    void accumulateRowGrad(int[] rows, INDArray contributions) {
        accumulateGrad((target, accumulate) -> {
            if (!accumulate) {
                target.assign(0);
            }
            Gather.addRows(rows, contributions, target.reshape('c', target.shape()[0], contributions.shape()[1]));
        });
    }

    /**
     * Adds {@code contribution} (this tensor's shape, or a shape it broadcasts to, whose extra axes are
     * summed away) into the gradient. The contribution is read, never kept.
     */
    void addToGrad(INDArray contribution) {
        if (!requiresGrad) {
            return;
        }
        if (Arrays.equals(contribution.shape(), value.shape())) {
            accumulateGrad((target, accumulate) -> {
                if (accumulate) {
                    Kernels.add(target, contribution, target);
                } else {
                    Kernels.copy(contribution, target);
                }
            });
        } else {
            accumulateGrad(target -> Broadcast.sumTo(contribution, target));
        }
    }
}
