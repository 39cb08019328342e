package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Rows of a table picked by index: the lookup of an embedding. */
final class Gather {

    private Gather() {}

    /**
     * For a table [rows, ...] and integer indices of any shape, the rows named by the indices, shaped
     * indices.shape + table.shape[1:]. The backward adds each gradient row into the table row it came
     * from, so an index that appears twice receives the sum of both; a parameter that
     * {@linkplain Parameter#useSparseGrad uses sparse gradients} receives them as a {@link RowSparseGrad}.
     */
    static Tensor gather(Tensor table, INDArray indices) {
        if (table.rank() < 1) {
            throw new IllegalArgumentException("gather: the table must have at least one axis, got a scalar");
        }
        if (indices == null || indices.dataType().isFPType() || !indices.dataType().isNumerical()) {
            throw new IllegalArgumentException("gather: indices must be an integer array, got "
                    + (indices == null ? "null" : indices.dataType()));
        }
        long rows = table.shape()[0];
        if (indices.length() > 0) {
            long[] range = Check.range(indices);
            long min = range[0];
            long max = range[1];
            if (min < 0 || max >= rows) {
                throw new IllegalArgumentException("gather: indices range over [" + min + ", " + max + "] but the table "
                        + Arrays.toString(table.shape()) + " has rows [0, " + (rows - 1) + "]");
            }
        }
        long[] tableShape = table.shape();
        long[] shape = new long[indices.rank() + tableShape.length - 1];
        System.arraycopy(indices.shape(), 0, shape, 0, indices.rank());
        System.arraycopy(tableShape, 1, shape, indices.rank(), tableShape.length - 1);
        INDArray out = Tape.allocate(table.dataType(), shape);
        // libnd4j's gather is run on flat indices only: multi-axis indices on a rank-1 table corrupt its heap.
        long[] rowsShape = tableShape.clone();
        rowsShape[0] = indices.length();
        INDArray flatIndices = indices.reshape(indices.length());
        // A parameter whose updates are deferred brings the rows it is asked for up to date first.
        INDArray source = table.valueOfRows(flatIndices);
        Kernels.custom("gather", new INDArray[] {source, flatIndices}, new INDArray[] {out.reshape('c', rowsShape)}, 0);
        long rowLength = 1;
        for (int axis = 1; axis < tableShape.length; axis++) {
            rowLength *= tableShape[axis];
        }
        long gathered = indices.length();
        long width = rowLength;
        return Tape.result("gather", out,
                (g, y) -> table.accumulateRowGrad(flatIndices, g.reshape('c', gathered, width)), table);
    }
}
