package jgrad.layers;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A lookup table of learned vectors: row i of the table [vocab, dim] is the vector of token i.
 *
 * <p>Input: integer indices of any shape [...]; output [..., dim]. The lookup is {@link Ops#gather}, so
 * a step's gradient reaches only the rows it used (a row used twice receives both gradients). The
 * table starts N(0, 1), as in PyTorch. With {@link #sparseGrad(boolean) sparseGrad(true)} that gradient
 * is kept as those rows only, so that a step costs the rows used rather than the whole table.
 *
 * <p>The indices are data, not a differentiable value, so the natural call is
 * {@link #forward(INDArray)}. {@link #forward(Tensor)} exists so that an embedding can head a
 * {@link Sequential}: it accepts a tensor of an integer type (e.g. {@code Tensor.of(intIndices)}) and
 * rejects a floating-point one, since silently rounding float indices would hide a bug upstream.
 */
public class Embedding extends Layer {

    private final Parameter table;

    /** A float32 table [vocab, dim] drawn N(0, 1) from {@code new Random(seed)}. */
    public Embedding(long vocab, long dim, long seed) {
        this(vocab, dim, DataType.FLOAT, Init.normal(1), new Random(seed));
    }

    /** A table [vocab, dim] of the given type, drawn by {@code init} from {@code rng}. */
    public Embedding(long vocab, long dim, DataType type, Init init, Random rng) {
        if (vocab < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got vocab " + vocab + " and dim " + dim);
        }
        this.table = param("weight", Tensor.param(init.create(rng, type, vocab, dim, vocab, dim)));
    }

    /** An embedding over an existing table [vocab, dim] (shared, loaded, or made by a gradient check). */
    public Embedding(Parameter table) {
        if (table == null || table.rank() != 2) {
            throw new IllegalArgumentException("Embedding: the table must be a matrix [vocab, dim], got "
                    + (table == null ? "null" : Arrays.toString(table.shape())));
        }
        this.table = param("weight", table);
    }

    /** Integer indices [...] in [0, vocab) → their rows [..., dim]. */
    public Tensor forward(INDArray indices) {
        if (indices == null || indices.dataType().isFPType() || !indices.dataType().isNumerical()) {
            throw new IllegalArgumentException(describe() + ": indices must be an integer array, got "
                    + (indices == null ? "null" : indices.dataType() + Arrays.toString(indices.shape()))
                    + "; cast them with castTo(DataType.INT64)");
        }
        try {
            // gather checks the range on the Java side; two ND4J reductions here cost 50 us a lookup.
            return Ops.gather(table, indices);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    /** A constant tensor of integer indices [...] → their rows [..., dim]; see the class comment. */
    @Override
    public Tensor forward(Tensor indices) {
        if (indices.dataType().isFPType()) {
            throw new IllegalArgumentException(describe() + ": expected a tensor of integer indices, got "
                    + indices.dataType() + Arrays.toString(indices.shape())
                    + "; pass Tensor.of(indices.castTo(DataType.INT64)) or call forward(INDArray)");
        }
        return forward(indices.value());
    }

    /**
     * Chooses the form of the table's gradient: true for a row-sparse one (the rows a step looked up,
     * duplicates summed; see {@link jgrad.core.RowSparseGrad}), which {@code SGD} and lazy {@code Adam}
     * update row by row at the cost of the rows used; false (the default) for a dense [vocab, dim] array.
     * The numbers are the same either way. Returns this layer.
     */
    public Embedding sparseGrad(boolean sparse) {
        table.useSparseGrad(sparse);
        return this;
    }

    /** Whether the table's gradient is row-sparse (see {@link #sparseGrad(boolean)}). */
    public boolean isSparseGrad() {
        return table.usesSparseGrad();
    }

    /** The table [vocab, dim]. */
    public Parameter weight() {
        return table;
    }

    /** The same table, read in place, with a gradient of its own in this table's form. */
    @Override
    protected Embedding newReplica(Replication replica) {
        return new Embedding(replica.shared(table));
    }

    @Override
    protected String describe() {
        return "Embedding(" + table.shape()[0] + ", " + table.shape()[1] + ")";
    }
}
