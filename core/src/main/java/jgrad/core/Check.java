package jgrad.core;

import java.util.Arrays;

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

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
