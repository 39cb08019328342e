package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        long[] tableShape = table.shape();
        long rows = tableShape[0];
        // Read once on the Java side: a few thousand indices cost about a microsecond, an ND4J reduction 25.
        int[] picked = indices.reshape(indices.length()).toIntVector();
        checkRange(picked, rows, tableShape);
        long[] shape = new long[indices.rank() + tableShape.length - 1];
        System.arraycopy(indices.shape(), 0, shape, 0, indices.rank());
        System.arraycopy(tableShape, 1, shape, indices.rank(), tableShape.length - 1);
        long width = Arrays.stream(tableShape).skip(1).reduce(1, (a, b) -> a * b);
        INDArray out = Tape.allocate(table.dataType(), shape);
        // A parameter whose updates are deferred brings the rows it is asked for up to date first.
        INDArray source = table.valueOfRows(picked);
        copyRows(picked, source.reshape('c', rows, width), out.reshape('c', picked.length, width));
        return Tape.result("gather", out,
                (g, y) -> table.accumulateRowGrad(picked, g.reshape('c', picked.length, width)), table);
    }

    private static void checkRange(int[] picked, long rows, long[] tableShape) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i : picked) {
            min = Math.min(min, i);
            max = Math.max(max, i);
        }
        if (picked.length > 0 && (min < 0 || max >= rows)) {
            throw new IllegalArgumentException("gather: indices range over [" + min + ", " + max + "] but the table "
                    + Arrays.toString(tableShape) + " has rows [0, " + (rows - 1) + "]");
        }
    }

    /** out[j] = table[rows[j]] for tables [r, w] and out [n, w]. */
    static void copyRows(int[] rows, INDArray table, INDArray out) {
        int width = (int) table.size(1);
        if (Elements.supports(table) && Elements.supports(out) && table.dataType() == out.dataType()) {
            Elements from = Elements.of(table);
            Elements to = Elements.of(out);
            for (int j = 0; j < rows.length; j++) {
                from.copy(rows[j] * width, to, j * width, width);
            }
        } else {
            Kernels.custom("gather", new INDArray[] {table, Nd4j.createFromArray(rows)}, new INDArray[] {out}, 0);
        }
    }

    /**
     * target[rows[j]] += source[j] for source [n, w] and target [r, w], a row listed twice receiving
     * both: the backward of a lookup. A Java loop over the rows' memory: libnd4j's scatter_add costs
     * milliseconds for the few thousand rows of a batch.
     */
    static void addRows(int[] rows, INDArray source, INDArray target) {
        if (!(Elements.supports(source) && Elements.supports(target) && source.dataType() == target.dataType())) {
            Kernels.custom("scatter_add", new INDArray[] {target, Nd4j.createFromArray(rows), source}, new INDArray[] {target});
            return;
        }
        int width = (int) target.size(1);
        Elements from = Elements.of(source);
        Elements to = Elements.of(target);
        double[] sum = new double[width];
        double[] add = new double[width];
        for (int j = 0; j < rows.length; j++) {
            int at = rows[j] * width;
            to.read(at, sum, width);
            from.read(j * width, add, width);
            for (int c = 0; c < width; c++) {
                sum[c] += add[c];
            }
            to.write(sum, at, width);
        }
    }
}
