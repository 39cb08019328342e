package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The gradient of a table [rows, ...] that only some rows received: the rows a step looked up, each
 * listed once, with the sum of every gradient that reached it (a row looked up twice holds both).
 * Every row not listed has gradient zero.
 *
 * <p>It is what {@link Ops#gather} (and so an {@code Embedding}) leaves in a {@link Parameter} that
 * {@linkplain Parameter#useSparseGrad uses sparse gradients}: a step that looks up 2,500 of 42,000 word
 * rows then costs the optimizer 2,500 rows, not the table. Row {@code i} of {@link #values()} is the
 * gradient of table row {@link #row(int) row(i)}; rows are listed in the order they first arrived.
 *
 * <p>The arrays live with the parameter and are reused from step to step; they stay valid until the
 * parameter's next {@link Parameter#zeroGrad()}. The storage grows when a step touches more rows than
 * any before, up to the table's size, and never shrinks.
 */
public final class RowSparseGrad {

    private final DataType type;
    private final long[] rowShape;
    private final long rowLength;
    /** For each table row, its slot among the listed rows, or -1 when it is not listed. */
    private final int[] slotOf;
    private int[] rows = new int[64];
    private int count;
    /** Slot i holds the gradient of table row rows[i]: [capacity, rowLength]. */
    private INDArray storage;

    RowSparseGrad(DataType type, long[] tableShape) {
        if (tableShape.length < 1 || tableShape[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RowSparseGrad: expected a table [rows, ...] of at most "
                    + Integer.MAX_VALUE + " rows, got " + Arrays.toString(tableShape));
        }
        this.type = type;
        this.rowShape = Arrays.copyOfRange(tableShape, 1, tableShape.length);
        long length = 1;
        for (long size : rowShape) {
            length *= size;
        }
        this.rowLength = length;
        this.slotOf = new int[(int) tableShape[0]];
        Arrays.fill(slotOf, -1);
        this.storage = outsideSteps(() -> Nd4j.createUninitialized(type, new long[] {64, Math.max(1, rowLength)}, 'c'));
    }

    /** How many distinct rows have a gradient. */
    public int count() {
        return count;
    }

    /** The table row whose gradient is row {@code i} of {@link #values()}, for i in [0, count). */
    public int row(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("RowSparseGrad.row: index " + i + " outside [0, " + count + ")");
        }
        return rows[i];
    }

    /** The listed table rows, in the order of {@link #values()} (a copy). */
    public int[] rows() {
        return Arrays.copyOf(rows, count);
    }

    /** The number of elements in one row: the product of table.shape[1:]. */
    public long rowLength() {
        return rowLength;
    }

    /**
     * The gradients of the listed rows, [count, rowLength] (a table [rows, dim] gives [count, dim]): a
     * dense row-major view of the parameter's storage, which writes go through to (clipping scales it
     * in place). Valid until the next zeroGrad.
     */
    public INDArray values() {
        return storage.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
    }

    @Override
    public String toString() {
        return "RowSparseGrad(" + count + " of " + slotOf.length + " rows of " + Arrays.toString(rowShape) + ")";
    }

    // ---- used by Parameter ----

    /** Adds {@code contributions} [n, rowLength], row j belonging to table row indices[j], duplicates summed. */
    void add(int[] indices, INDArray contributions) {
        int before = count;
        int[] slotNumbers = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int r = indices[j];
            int slot = slotOf[r];
            if (slot < 0) {
                slot = count++;
                if (slot == rows.length) {
                    rows = Arrays.copyOf(rows, Math.min(slotOf.length, 2 * rows.length));
                }
                rows[slot] = r;
                slotOf[r] = slot;
            }
            slotNumbers[j] = slot;
        }
        ensureCapacity(count);
        if (count > before && rowLength > 0) {
            storage.get(NDArrayIndex.interval(before, count), NDArrayIndex.all()).assign(0);
        }
        if (indices.length > 0 && rowLength > 0) {
            Gather.addRows(slotNumbers, contributions, storage);
        }
    }

    /** Writes (or, with {@code accumulate}, adds) this gradient into the dense table gradient {@code dense} [rows, rowLength]. */
    void addTo(INDArray dense, boolean accumulate) {
        if (!accumulate) {
            dense.assign(0);
        }
        if (count > 0 && rowLength > 0) {
            Gather.addRows(Arrays.copyOf(rows, count), values(), dense);
        }
    }

    /** Lists no row (the next step starts empty); costs the rows listed, not the table. */
    void clear() {
        for (int i = 0; i < count; i++) {
            slotOf[rows[i]] = -1;
        }
        count = 0;
    }

    private void ensureCapacity(int rowCount) {
        if (rowCount > storage.size(0)) {
            long capacity = Math.min(slotOf.length, Math.max(rowCount, 2 * storage.size(0)));
            INDArray old = storage;
            storage = outsideSteps(() -> Nd4j.createUninitialized(type, new long[] {capacity, Math.max(1, rowLength)}, 'c'));
            long kept = Math.min(old.size(0), rowCount);
            storage.get(NDArrayIndex.interval(0, kept), NDArrayIndex.all())
                    .assign(old.get(NDArrayIndex.interval(0, kept), NDArrayIndex.all()));
            old.close();
        }
    }

    /** Model memory: made outside any ND4J workspace, released by close or the garbage collector. */
    @SuppressWarnings("try")
    private static INDArray outsideSteps(java.util.function.Supplier<INDArray> make) {
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }
}
