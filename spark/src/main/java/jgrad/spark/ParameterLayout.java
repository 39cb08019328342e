package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The names, shapes and types of a model's parameters, in the model's order, which of them take
 * row-sparse gradients (as the driver's parameters chose), and the conversion of their values and
 * gradients to and from plain Java arrays ({@code float[]} for float32, {@code double[]} for float64;
 * {@link SparseRows} for a row-sparse gradient): what Spark ships between the driver and the tasks.
 */
final class ParameterLayout implements Serializable {

    private final String[] names;
    private final long[][] shapes;
    private final boolean[] isDouble;
    /** Whether parameter i's gradient is row-sparse ({@link Parameter#usesSparseGrad} on the driver). */
    private final boolean[] sparse;

    ParameterLayout(Map<String, Parameter> parameters) {
        int n = parameters.size();
        if (n == 0) {
            throw new IllegalArgumentException("spark: the model has no parameters to train");
        }
        names = new String[n];
        shapes = new long[n][];
        isDouble = new boolean[n];
        sparse = new boolean[n];
        int i = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (p.dataType() != DataType.FLOAT && p.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("spark: parameter " + e.getKey() + " is " + p.dataType()
                        + "; only float32 and float64 parameters are trained");
            }
            names[i] = e.getKey();
            shapes[i] = p.shape().clone();
            isDouble[i] = p.dataType() == DataType.DOUBLE;
            sparse[i] = p.usesSparseGrad();
            i++;
        }
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    /**
     * Gives a replica's parameters the driver's gradient forms, so that a table whose gradient is
     * row-sparse on the driver is row-sparse in every task too, whatever the replica's recipe chose.
     */
    void useGradientForms(List<Parameter> parameters) {
        for (int i = 0; i < sparse.length; i++) {
            Parameter p = parameters.get(i);
            if (p.usesSparseGrad() != sparse[i]) {
                p.zeroGrad();
                p.useSparseGrad(sparse[i]);
            }
        }
    }

    /** Checks that {@code model}'s parameters have this layout's names, order, shapes and types. */
    void requireMatch(Map<String, Parameter> model, String what) {
        ParameterLayout other = new ParameterLayout(model);
        if (!Arrays.equals(names, other.names) || !Arrays.deepEquals(shapes, other.shapes)
                || !Arrays.equals(isDouble, other.isDouble)) {
            throw new IllegalArgumentException("spark: " + what + " has parameters " + other.describe()
                    + " but the driver's model has " + describe());
        }
    }

    /** Copies of the parameters' values. */
    Object[] values(List<Parameter> parameters) {
        Object[] out = new Object[names.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = copy(parameters.get(i).value());
        }
        return out;
    }

    /** Writes values from {@link #values} into the parameters (of a replica). */
    void load(Object[] values, List<Parameter> parameters) {
        for (int i = 0; i < values.length; i++) {
            try (INDArray source = isDouble[i] ? Nd4j.create((double[]) values[i], shapes[i], 'c')
                    : Nd4j.create((float[]) values[i], shapes[i], 'c')) {
                parameters.get(i).value().assign(source);
            }
        }
    }

    /**
     * Copies of the gradients that arrived: a {@link SparseRows} for a row-sparse one (only the rows
     * touched travel), a dense array otherwise, null for a parameter that got none.
     */
    Object[] gradients(List<Parameter> parameters) {
        Object[] out = new Object[names.length];
        for (int i = 0; i < out.length; i++) {
            Parameter p = parameters.get(i);
            RowSparseGrad rows = p.sparseGrad();
            if (rows != null) {
                out[i] = sparseCopy(i, rows);
            } else {
                out[i] = p.hasGrad() ? copy(p.grad()) : null;
            }
        }
        return out;
    }

    /** Bytes of one gradient as {@link #gradients} gives it (0 for none): what a task sends for it. */
    static long bytes(Object gradient) {
        if (gradient == null) {
            return 0;
        }
        if (gradient instanceof SparseRows rows) {
            return rows.bytes();
        }
        return gradient instanceof double[] d ? 8L * d.length : 4L * ((float[]) gradient).length;
    }

    /** sum * factor as a new array of parameter i's shape and type (the caller closes it). */
    INDArray scaled(int i, double[] sum, double factor) {
        return scaledArray(i, sum, factor, shapes[i]);
    }

    private INDArray scaledArray(int i, double[] sum, double factor, long[] shape) {
        if (isDouble[i]) {
            double[] scaled = new double[sum.length];
            for (int k = 0; k < sum.length; k++) {
                scaled[k] = sum[k] * factor;
            }
            return Nd4j.create(scaled, shape, 'c');
        }
        float[] scaled = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            scaled[k] = (float) (sum[k] * factor);
        }
        return Nd4j.create(scaled, shape, 'c');
    }

    /**
     * sum * factor as a new array [rows, ...] of parameter i's type, for {@code rows} of its table (the
     * caller closes it).
     */
    INDArray scaledRows(int i, int rows, double[] sum, double factor) {
        long[] shape = shapes[i].clone();
        shape[0] = rows;
        return scaledArray(i, sum, factor, shape);
    }

    /** The number of rows of parameter i (its first dimension) and the elements in one row. */
    long rows(int i) {
        return shapes[i][0];
    }

    long rowLength(int i) {
        return length(i) / Math.max(1, shapes[i][0]);
    }

    /**
     * Bytes of one copy of all parameters: what each step sends a task, and at most what a task sends
     * back (a row-sparse gradient sends only its rows).
     */
    long bytes() {
        long bytes = 0;
        for (int i = 0; i < names.length; i++) {
            bytes += length(i) * (isDouble[i] ? 8 : 4);
        }
        return bytes;
    }

    long length(int i) {
        long n = 1;
        for (long d : shapes[i]) {
            n *= d;
        }
        return n;
    }

    private static Object copy(INDArray a) {
        // A parameter and its gradient are dense row-major (the optimizers require it), so the buffer is the
        // array; a row-sparse gradient's values are a view of the first rows of its storage, copied out.
        boolean view = a.isView() || a.data().length() != a.length();
        INDArray dense = view ? a.dup('c') : a;
        try {
            return a.dataType() == DataType.DOUBLE ? dense.data().asDouble() : dense.data().asFloat();
        } finally {
            if (view) {
                dense.close();
            }
        }
    }

    private Object sparseCopy(int i, RowSparseGrad rows) {
        if (rows.count() == 0) {
            return new SparseRows(new int[0], isDouble[i] ? new double[0] : new float[0]);
        }
        return new SparseRows(rows.rows(), copy(rows.values()));
    }

    private String describe() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(isDouble[i] ? "float64" : "float32")
                    .append(Arrays.toString(shapes[i]));
        }
        return s.append('}').toString();
    }
}
