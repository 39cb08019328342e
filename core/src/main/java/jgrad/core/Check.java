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
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long n = indices.length();
        boolean whole = isWholeBuffer(indices);
        for (long i = 0; i < n; i++) {
            long v = indexAt(indices, i, whole);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new long[] {min, max};
    }

    /**
     * Whether an array is the whole of its buffer, in row-major order, so that its elements are read in
     * place: toLongVector() copies element by element through a view.
     */
    static boolean isWholeBuffer(INDArray indices) {
        return indices.offset() == 0 && !indices.isView() && indices.data().length() == indices.length();
    }

    /** Element i, in row-major order, of integer indices; {@code whole} is {@link #isWholeBuffer}'s answer. */
    static long indexAt(INDArray indices, long i, boolean whole) {
        return whole ? indices.data().getLong(i) : indices.getLong(i);
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
