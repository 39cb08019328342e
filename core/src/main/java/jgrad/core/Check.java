package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks whose messages name the op, what it got and what it expected. */
final class Check {

    private Check() {}

    static void sameType(String op, Tensor a, Tensor b) {
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(op + ": operand types differ: " + a.describe() + " and " + b.describe()
                    + "; convert one (e.g. value().castTo(...)) so both have the same type");
        }
    }

    static void rank(String op, Tensor t, int expected, String layout) {
        if (t.rank() != expected) {
            throw new IllegalArgumentException(op + ": expected a rank-" + expected + " tensor " + layout + ", got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    static void floatingPoint(String op, Tensor t) {
        if (!t.dataType().isFPType()) {
            throw new IllegalArgumentException(op + ": expected a floating-point tensor, got " + t.describe());
        }
    }

    /** Normalizes a possibly negative axis (-1 is the last) and checks that it exists. */
    static int axis(String op, Tensor t, int axis) {
        int rank = t.rank();
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + Arrays.toString(t.shape()));
        }
        return normalized;
    }

    /**
     * The smallest and largest of integer indices. Read on the Java side: for the few thousand
     * indices of a batch this costs about a microsecond, two ND4J reductions cost about 50.
     */
    static long[] range(INDArray indices) {
        return range(values(indices));
    }

    /** Integer indices of any shape, flattened in row-major order into a Java array. */
    static long[] values(INDArray indices) {
        return indices.reshape(indices.length()).toLongVector();
    }

    /** The smallest and largest of the given values. */
    static long[] range(long[] values) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new long[] {min, max};
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
