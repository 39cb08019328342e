package jgrad.spark;

import java.util.Arrays;

/**
 * The driver's sum, in float64, of the row-sparse gradients that the tasks sent for one table: rows are
 * listed in the order they first arrived (tasks are added in partition order, so the order is the same
 * in every run), and a row that several partitions touched holds the sum of their gradients.
 */
final class RowSum {

    private final int rowLength;
    /** For each table row, its slot in {@link #values}, or -1 when no task sent it. */
    private final int[] slotOf;
    private int[] rows = new int[16];
    private double[] values;
    private int count;

    RowSum(long tableRows, long rowLength) {
        this.rowLength = Math.toIntExact(rowLength);
        this.slotOf = new int[Math.toIntExact(tableRows)];
        Arrays.fill(slotOf, -1);
        this.values = new double[16 * this.rowLength];
    }

    /** Adds one task's rows (each listed once in it). */
    void add(SparseRows sent, String parameter) {
        check(sent, slotOf.length, rowLength, parameter);
        int[] sentRows = sent.rows();
        for (int j = 0; j < sentRows.length; j++) {
            int slot = slotOf[sentRows[j]];
            if (slot < 0) {
                slot = newSlot(sentRows[j]);
            }
            addRow(sent, j, rowLength, values, slot * rowLength);
        }
    }

    /**
     * Adds one task's rows straight into a dense sum of the whole table [tableRows * rowLength], for a
     * table that another task already sent dense: no row index is built for it.
     */
    static void addInto(double[] dense, SparseRows sent, long tableRows, long rowLength, String parameter) {
        int length = Math.toIntExact(rowLength);
        check(sent, tableRows, length, parameter);
        int[] sentRows = sent.rows();
        for (int j = 0; j < sentRows.length; j++) {
            addRow(sent, j, length, dense, sentRows[j] * length);
        }
    }

    /** Throws unless the task sent a whole row of values for each row, each row inside the table. */
    private static void check(SparseRows sent, long tableRows, int rowLength, String parameter) {
        int sentLength = sent.values() instanceof double[] d ? d.length : ((float[]) sent.values()).length;
        if (sentLength != (long) sent.rows().length * rowLength) {
            throw new IllegalStateException("spark: a task sent " + sentLength + " values for " + sent.rows().length
                    + " rows of " + parameter + ", whose rows hold " + rowLength);
        }
        for (int r : sent.rows()) {
            if (r < 0 || r >= tableRows) {
                throw new IllegalStateException("spark: a task sent row " + r + " of " + parameter + ", outside [0, "
                        + tableRows + ")");
            }
        }
    }

    /** Adds the j-th row the task sent into {@code to[at .. at + rowLength)}. */
    private static void addRow(SparseRows sent, int j, int rowLength, double[] to, int at) {
        int from = j * rowLength;
        if (sent.values() instanceof double[] d) {
            for (int k = 0; k < rowLength; k++) {
                to[at + k] += d[from + k];
            }
        } else {
            float[] f = (float[]) sent.values();
            for (int k = 0; k < rowLength; k++) {
                to[at + k] += f[from + k];
            }
        }
    }

    private int newSlot(int row) {
        int slot = count++;
        if (slot == rows.length) {
            rows = Arrays.copyOf(rows, 2 * rows.length);
            values = Arrays.copyOf(values, 2 * values.length);
        }
        rows[slot] = row;
        slotOf[row] = slot;
        return slot;
    }

    /** How many distinct rows arrived. */
    int count() {
        return count;
    }

    /** The rows, in the order of {@link #values()}. */
    int[] rows() {
        return Arrays.copyOf(rows, count);
    }

    /** The summed rows, [count, rowLength] row-major. */
    double[] values() {
        return Arrays.copyOf(values, count * rowLength);
    }

    /** Adds the rows into a dense sum of the whole table [tableRows * rowLength]. */
    void addTo(double[] dense) {
        for (int i = 0; i < count; i++) {
            int to = rows[i] * rowLength;
            int from = i * rowLength;
            for (int k = 0; k < rowLength; k++) {
                dense[to + k] += values[from + k];
            }
        }
    }
}
