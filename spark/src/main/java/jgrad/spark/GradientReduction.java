package jgrad.spark;

import java.util.List;
import jgrad.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The driver's sum, in float64, of the gradient sums of one step's tasks, added in the order given
 * (partition order), parameter by parameter: dense gradients into a dense sum; row-sparse ones into a
 * {@link RowSum}, which stays row-sparse unless a task sent that parameter dense (a table that a dense op
 * read too), when its rows are added into the dense sum. It is the float64 counterpart of
 * {@link jgrad.core.GradientSum}, which adds {@code Parameter} gradients in their own type: the tasks'
 * sums arrive as plain arrays, and adding them in float64 adds no float32 rounding per partition.
 */
final class GradientReduction {

    private final ParameterLayout layout;
    private final double[][] dense;
    private final RowSum[] rows;
    /** Bytes the tasks sent for each parameter. */
    private final long[] bytes;

    GradientReduction(ParameterLayout layout) {
        this.layout = layout;
        this.dense = new double[layout.size()][];
        this.rows = new RowSum[layout.size()];
        this.bytes = new long[layout.size()];
    }

    /** Adds one task's gradients ({@link ParameterLayout#gradients}: dense arrays, {@link SparseRows}, or null). */
    void add(Object[] gradients) {
        for (int i = 0; i < gradients.length; i++) {
            Object g = gradients[i];
            bytes[i] += ParameterLayout.bytes(g);
            if (g instanceof SparseRows sent) {
                if (dense[i] != null) {
                    RowSum.addInto(dense[i], sent, layout.rows(i), layout.rowLength(i), layout.name(i));
                } else {
                    if (rows[i] == null) {
                        rows[i] = new RowSum(layout.rows(i), layout.rowLength(i));
                    }
                    rows[i].add(sent, layout.name(i));
                }
            } else if (g != null) {
                addDense(i, g);
            }
        }
    }

    private void addDense(int i, Object g) {
        if (dense[i] == null) {
            dense[i] = new double[Math.toIntExact(layout.length(i))];
            if (rows[i] != null) {
                rows[i].addTo(dense[i]);
                rows[i] = null;
            }
        }
        double[] sum = dense[i];
        if (g instanceof double[] d) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += d[k];
            }
        } else {
            float[] f = (float[]) g;
            for (int k = 0; k < sum.length; k++) {
                sum[k] += f[k];
            }
        }
    }

    /**
     * Stores sum * factor as each parameter's gradient: {@link Parameter#setSparseGrad} for a row-sparse
     * sum (dense on a driver parameter that uses dense gradients), {@link Parameter#setGrad} for a dense
     * one; a parameter that no task sent a gradient for (or only zero rows) gets none.
     */
    void storeInto(List<Parameter> parameters, double factor) {
        for (int i = 0; i < dense.length; i++) {
            Parameter p = parameters.get(i);
            if (rows[i] != null && rows[i].count() > 0 && !p.usesSparseGrad()) {
                dense[i] = new double[Math.toIntExact(layout.length(i))];
                rows[i].addTo(dense[i]);
            } else if (rows[i] != null && rows[i].count() > 0) {
                try (INDArray mean = layout.scaledRows(i, rows[i].count(), rows[i].values(), factor)) {
                    p.setSparseGrad(rows[i].rows(), mean);
                }
            }
            if (dense[i] != null) {
                try (INDArray mean = layout.scaled(i, dense[i], factor)) {
                    p.setGrad(mean);
                }
            }
        }
    }

    /** Bytes the tasks sent for parameter i, all partitions together. */
    long bytes(int i) {
        return bytes[i];
    }
}
