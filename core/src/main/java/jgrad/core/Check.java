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
        // A whole contiguous buffer is read in place: toLongVector() copies element by element through a view.
        boolean whole = indices.offset() == 0 && !indices.isView() && indices.data().length() == n;
        for (long i = 0; i < n; i++) {
            long v = whole ? indices.data().getLong(i) : indices.getLong(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new long[] {min, max};
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
