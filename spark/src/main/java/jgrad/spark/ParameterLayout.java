package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The names, shapes and types of a model's parameters, in the model's order, and the conversion of their
 * values and gradients to and from plain Java arrays ({@code float[]} for float32, {@code double[]} for
 * float64): what Spark ships between the driver and the tasks.
 */
final class ParameterLayout implements Serializable {

    private final String[] names;
    private final long[][] shapes;
    private final boolean[] isDouble;

    ParameterLayout(Map<String, Parameter> parameters) {
        int n = parameters.size();
        if (n == 0) {
            throw new IllegalArgumentException("spark: the model has no parameters to train");
        }
        names = new String[n];
        shapes = new long[n][];
        isDouble = new boolean[n];
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
            i++;
        }
    }

    int size() {
        return names.length;
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

    /** Copies of the gradients that arrived (null for a parameter that got none). */
    Object[] gradients(List<Parameter> parameters) {
        Object[] out = new Object[names.length];
        for (int i = 0; i < out.length; i++) {
            Parameter p = parameters.get(i);
            out[i] = p.hasGrad() ? copy(p.grad()) : null;
        }
        return out;
    }

    /** acc[i] += gradient[i] for every parameter whose gradient is present, in float64. */
    void addInto(double[][] acc, Object[] gradients) {
        for (int i = 0; i < gradients.length; i++) {
            Object g = gradients[i];
            if (g == null) {
                continue;
            }
            if (acc[i] == null) {
                acc[i] = new double[Math.toIntExact(length(i))];
            }
            double[] sum = acc[i];
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
    }

    /** sum * factor as a new array of parameter i's shape and type (the caller closes it). */
    INDArray scaled(int i, double[] sum, double factor) {
        if (isDouble[i]) {
            double[] scaled = new double[sum.length];
            for (int k = 0; k < sum.length; k++) {
                scaled[k] = sum[k] * factor;
            }
            return Nd4j.create(scaled, shapes[i], 'c');
        }
        float[] scaled = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            scaled[k] = (float) (sum[k] * factor);
        }
        return Nd4j.create(scaled, shapes[i], 'c');
    }

    /** Bytes of one copy of all parameters: what each step sends a task, and what each task sends back. */
    long bytes() {
        long bytes = 0;
        for (int i = 0; i < names.length; i++) {
            bytes += length(i) * (isDouble[i] ? 8 : 4);
        }
        return bytes;
    }

    private long length(int i) {
        long n = 1;
        for (long d : shapes[i]) {
            n *= d;
        }
        return n;
    }

    private static Object copy(INDArray a) {
        // A parameter and its gradient are dense row-major (the optimizers require it), so the buffer is the array.
        INDArray dense = a.isView() || a.data().length() != a.length() ? a.dup('c') : a;
        return a.dataType() == DataType.DOUBLE ? dense.data().asDouble() : dense.data().asFloat();
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
