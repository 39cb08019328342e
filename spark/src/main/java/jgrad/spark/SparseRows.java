package jgrad.spark;

import java.io.Serializable;

/**
 * A task's row-sparse gradient sum for one table parameter, as it travels to the driver: the table rows
 * its share of the batch looked up, each listed once, and their gradients with duplicates already summed
 * ({@code values} holds {@code rows.length} rows of the table's row length, row-major; {@code float[]} for
 * a float32 table, {@code double[]} for a float64 one). Its size is proportional to the rows touched,
 * never to the table.
 */
record SparseRows(int[] rows, Object values) implements Serializable {

    /** Bytes of the payload: 4 per row index plus the values. */
    long bytes() {
        long valueBytes = values instanceof double[] d ? 8L * d.length : 4L * ((float[]) values).length;
        return 4L * rows.length + valueBytes;
    }
}
