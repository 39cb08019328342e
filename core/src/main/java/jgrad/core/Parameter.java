package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor: its value and its gradient live as long as the model, outside any tape.
 *
 * <p>Gradients from successive {@link Tape#backward} calls add up until {@link #zeroGrad()}. Optimizers
 * update the value in place, so layers and optimizers share a parameter by reference.
 *
 * <p><b>Two forms of gradient.</b> By default the gradient is dense, shaped like the value. A table
 * whose rows are looked up ({@link Ops#gather}, an {@code Embedding}) can instead
 * {@linkplain #useSparseGrad use sparse gradients}: a lookup's backward then leaves a
 * {@link RowSparseGrad} (the rows used, each once, duplicates summed) in {@link #sparseGrad()}, and an
 * optimizer that understands it updates those rows only. Any other contribution (the table also used
 * in a matmul, say) turns the gradient dense for the rest of the step, and {@link #grad()} always
 * answers with the dense form, so code that knows nothing of sparse gradients still gets the right
 * numbers (at the dense cost).
 *
 * <p><b>Deferred updates.</b> An optimizer that leaves untouched rows behind registers with
 * {@link #deferUpdates}; {@link #value()} then brings every row up to date before returning it, and a
 * lookup brings up to date the rows it reads, so no reader ever sees a stale row.
 */
public final class Parameter extends Tensor {

    private final INDArray stored;
    /** The dense gradient; allocated when first needed for a parameter that uses sparse gradients. */
    private INDArray gradient;
    /** Whether {@link #gradient} holds stale contents that mean zero (so zeroGrad costs nothing). */
    private boolean gradIsZero = true;
    /** Whether a backward has added into the gradient since the last zeroGrad. */
    private boolean arrived;
    /** The row-sparse gradient, when this parameter uses sparse gradients; null otherwise. */
    private RowSparseGrad rowGrad;
    /** Whether the gradient since the last zeroGrad is held in {@link #rowGrad} (else in {@link #gradient}). */
    private boolean holdsSparse;
    private DeferredUpdates deferred;

    Parameter(INDArray value) {
        super(value);
        if (!value.dataType().isFPType()) {
            throw new IllegalArgumentException("Tensor.param: a parameter must be floating point, got " + value.dataType());
        }
        this.stored = value;
        this.gradient = allocateDense();
    }

    @SuppressWarnings("try") // the scope is used for its effect: the gradient outlives any workspace
    private INDArray allocateDense() {
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(stored.dataType(), stored.shape(), 'c');
        }
    }

    /** The value, every deferred update applied first (see {@link #deferUpdates}). */
    @Override
    public INDArray value() {
        if (deferred != null) {
            deferred.catchUpAll();
        }
        return stored;
    }

    /**
     * The value as stored, without applying deferred updates: for the optimizer that defers them. Anyone
     * else reads {@link #value()}.
     */
    public INDArray storedValue() {
        return stored;
    }

    /**
     * Registers the optimizer that defers updates of some rows of this parameter (null: none). A
     * parameter has at most one; a second, different one is refused, since two optimizers updating one
     * parameter would each miss the other's steps.
     */
    public void deferUpdates(DeferredUpdates owner) {
        if (owner != null && deferred != null && deferred != owner) {
            throw new IllegalStateException("deferUpdates: " + describe() + " already has its updates deferred by "
                    + deferred + "; one parameter can be optimized by one optimizer only");
        }
        this.deferred = owner;
    }

    // ---- the form of the gradient ----

    /**
     * Chooses the form of the gradients that lookups ({@link Ops#gather}) leave here: true for a
     * {@link RowSparseGrad}, false (the default) for a dense array. Needs a table [rows, ...] and no
     * gradient pending. Returns this parameter.
     */
    public Parameter useSparseGrad(boolean sparse) {
        if (arrived) {
            throw new IllegalStateException("useSparseGrad: " + describe() + " holds a gradient; call zeroGrad() first");
        }
        if (sparse && rank() < 1) {
            throw new IllegalArgumentException("useSparseGrad: a sparse gradient needs a table [rows, ...], got " + describe());
        }
        if (sparse && rowGrad == null) {
            rowGrad = new RowSparseGrad(dataType(), shape());
            // The dense buffer is now needed only if a dense contribution arrives: free its memory.
            gradient.close();
            gradient = null;
        } else if (!sparse && rowGrad != null) {
            rowGrad = null;
            if (gradient == null) {
                gradient = allocateDense();
            }
        }
        return this;
    }

    /** Whether lookups leave a {@link RowSparseGrad} here (see {@link #useSparseGrad}). */
    public boolean usesSparseGrad() {
        return rowGrad != null;
    }

    /**
     * The gradient since the last {@link #zeroGrad()} as rows, when it is row-sparse; null when it is
     * dense or nothing arrived. Optimizers check this first and fall back on {@link #grad()}.
     */
    public RowSparseGrad sparseGrad() {
        return holdsSparse ? rowGrad : null;
    }

    /**
     * d loss / d this, dense, accumulated since the last {@link #zeroGrad()} (zeros if nothing flowed). A
     * row-sparse gradient is first written out into a dense array, and the gradient stays dense for the
     * rest of the step: correct for any reader, but it costs the whole table.
     */
    @Override
    public INDArray grad() {
        densify();
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
        if (!Arrays.equals(gradient.shape(), stored.shape())) {
            throw new IllegalArgumentException("setGrad: gradient " + Arrays.toString(gradient.shape())
                    + " does not match the parameter " + Arrays.toString(stored.shape()));
        }
        zeroGrad();
        densify();
        this.gradient.assign(gradient);
        gradIsZero = false;
        arrived = true;
    }

    /**
     * Sets a row-sparse gradient, as if a lookup's backward had produced it: {@code values} [n, ...]
     * (copied), row j the gradient of table row {@code rows[j]}; a row listed twice gets the sum. For
     * gradients computed elsewhere (another worker) and for tests; needs {@link #useSparseGrad}.
     */
    public void setSparseGrad(int[] rows, INDArray values) {
        if (rowGrad == null) {
            throw new IllegalStateException("setSparseGrad: " + describe() + " uses dense gradients; call useSparseGrad(true) first");
        }
        long[] expected = stored.shape().clone();
        expected[0] = rows.length;
        if (!Arrays.equals(values.shape(), expected)) {
            throw new IllegalArgumentException("setSparseGrad: values " + Arrays.toString(values.shape()) + " for "
                    + rows.length + " rows of " + describe() + "; expected " + Arrays.toString(expected));
        }
        zeroGrad();
        addRows(rows, values.castTo(dataType()).reshape('c', rows.length, rowGrad.rowLength()));
    }

    /** Whether any gradient has arrived (by backward or a setter) since the last {@link #zeroGrad()}. */
    public boolean hasGrad() {
        return arrived;
    }

    /** Resets the gradient to zero. */
    public void zeroGrad() {
        gradIsZero = true;
        arrived = false;
        holdsSparse = false;
        if (rowGrad != null) {
            rowGrad.clear();
        }
    }

    /** Makes the gradient dense: the row-sparse one, if held, is written into the dense array. */
    private void densify() {
        if (gradient == null) {
            gradient = allocateDense();
        }
        if (holdsSparse) {
            rowGrad.addTo(gradient.reshape('c', stored.shape()[0], rowGrad.rowLength()), false);
            rowGrad.clear();
            holdsSparse = false;
            gradIsZero = false;
        }
    }

    private void addRows(int[] rows, INDArray contributions) {
        for (int r : rows) {
            if (r < 0 || r >= stored.shape()[0]) {
                throw new IllegalArgumentException("setSparseGrad: row " + r + " is outside [0, " + stored.shape()[0]
                        + ") of " + describe());
            }
        }
        rowGrad.add(rows, contributions);
        holdsSparse = true;
        arrived = true;
    }

    // ---- used by the ops ----

    @Override
    INDArray valueOfRows(int[] rows) {
        if (deferred != null) {
            deferred.catchUpRows(rows);
        }
        return stored;
    }

    @Override
    void accumulateRowGrad(int[] rows, INDArray contributions) {
        if (rowGrad != null && (!arrived || holdsSparse)) {
            rowGrad.add(rows, contributions);
            holdsSparse = true;
            arrived = true;
        } else {
            super.accumulateRowGrad(rows, contributions);
        }
    }

    /**
     * The dense gradient, or null if none arrived. A row-sparse gradient is written out into a fresh
     * array and stays row-sparse: a reader (such as {@link Tape#toDot()}) must not change which update
     * the optimizer takes.
     */
    @Override
    INDArray gradIfAny() {
        if (holdsSparse) {
            INDArray dense = Nd4j.createUninitialized(stored.dataType(), stored.shape(), 'c');
            rowGrad.addTo(dense, false);
            return dense;
        }
        return gradIsZero ? null : gradient;
    }

    @Override
    void clearGrad() {
        // A parameter's gradient accumulates across backward calls; only zeroGrad clears it.
    }

    @Override
    void accumulateGrad(GradWriter writer) {
        densify();
        boolean accumulate = !gradIsZero;
        gradIsZero = false;
        arrived = true;
        writer.write(gradient, accumulate);
    }
}
