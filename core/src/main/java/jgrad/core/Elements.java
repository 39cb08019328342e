package jgrad.core;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of a dense row-major float32 or float64 array, read and written in place in its native
 * memory, as doubles: for work on a few thousand scattered rows (a lookup, its row-sparse gradient, an
 * optimizer's per-row update), which costs less in a Java loop than in ND4J calls that gather, compute
 * and scatter back (libnd4j's scatter_add took 2-3 ms for the 2,560 rows of one tagger batch). Indices
 * count elements from the array's first, row-major.
 */
public abstract class Elements {

    private Elements() {}

    /** Access to {@code array}, which must be dense row-major (c order, unit stride), float32 or float64. */
    public static Elements of(INDArray array) {
        if (array.length() > 0 && (array.ordering() != 'c' || array.elementWiseStride() != 1)) {
            throw new IllegalArgumentException("Elements: expected a dense row-major array, got " + array.shapeInfoToString());
        }
        if (array.length() + array.offset() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Elements: arrays of more than " + Integer.MAX_VALUE + " elements are not supported, got "
                    + array.length());
        }
        int offset = (int) array.offset();
        return switch (array.dataType()) {
            case FLOAT -> new Floats(array.data().asNioFloat(), offset);
            case DOUBLE -> new Doubles(array.data().asNioDouble(), offset);
            default -> throw new IllegalArgumentException("Elements: expected float32 or float64, got " + array.dataType());
        };
    }

    /** Whether {@link #of} accepts the array. */
    public static boolean supports(INDArray array) {
        return (array.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                        || array.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                && (array.length() == 0 || (array.ordering() == 'c' && array.elementWiseStride() == 1))
                && array.length() + array.offset() <= Integer.MAX_VALUE;
    }

    /**
     * A copy of the elements of {@code array} in row-major order, as doubles: read in place when
     * {@link #of} accepts the array, else (a view, another type) through a dense float64 copy.
     */
    public static double[] doubles(INDArray array) {
        INDArray dense = supports(array) ? array : array.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double[] out = new double[Math.toIntExact(dense.length())];
        of(dense).read(0, out, out.length);
        return out;
    }

    /**
     * The first n elements of a dense row-major float32 or float64 array ({@link #supports}) into
     * {@code values}, in one native copy: for passes over a whole small matrix, where making the NIO view
     * that {@link #of} reads through costs more than copying a few thousand elements.
     */
    static void readAll(INDArray array, double[] values, int n) {
        checkLength(array, n);
        long address = RawPointers.addressOf(array);
        ThreadScratch scratch = Tape.scratch();
        if (array.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
            scratch.doublesAt.at(address).get(values, 0, n);
        } else {
            float[] floats = scratch.floats(n);
            scratch.floatsAt.at(address).get(floats, 0, n);
            for (int i = 0; i < n; i++) {
                values[i] = floats[i];
            }
        }
    }

    /** {@code values[0 .. n)} into the first n elements of a dense row-major float32 or float64 array, in one native copy. */
    static void writeAll(double[] values, INDArray array, int n) {
        checkLength(array, n);
        long address = RawPointers.addressOf(array);
        ThreadScratch scratch = Tape.scratch();
        if (array.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
            scratch.doublesAt.at(address).put(values, 0, n);
        } else {
            float[] floats = scratch.floats(n);
            for (int i = 0; i < n; i++) {
                floats[i] = (float) values[i];
            }
            scratch.floatsAt.at(address).put(floats, 0, n);
        }
    }

    private static void checkLength(INDArray array, int n) {
        if (!supports(array) || n < 0 || n > array.length()) {
            throw new IllegalArgumentException("Elements: " + n + " elements of " + array.shapeInfoToString()
                    + "; expected a dense row-major float32 or float64 array of at least that length");
        }
    }

    public abstract double get(int i);

    public abstract void set(int i, double value);

    /** Elements from, ..., from + length - 1 of this into to, ... of {@code target} (of the same type). */
    public abstract void copy(int from, Elements target, int to, int length);

    /**
     * Elements from, ..., from + length - 1 into {@code row[0 .. length)}: the way to work on a row, a
     * tight loop in one class (element by element through get and set costs five times more).
     */
    public abstract void read(int from, double[] row, int length);

    /** {@code row[0 .. length)} into elements to, ..., to + length - 1 (rounded to float32 in a float32 array). */
    public abstract void write(double[] row, int to, int length);

    private static final class Floats extends Elements {
        private final FloatBuffer buffer;
        private final int offset;
        private float[] scratch = new float[0];

        Floats(FloatBuffer buffer, int offset) {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(offset + i, (float) value);
        }

        @Override
        public void read(int from, double[] row, int length) {
            // One bulk copy, then a plain array loop: element by element, each buffer access pays the
            // memory-scope checks of JDK 17's direct buffers (a tenth of a tagger step).
            float[] floats = scratch(length);
            buffer.get(offset + from, floats, 0, length);
            for (int k = 0; k < length; k++) {
                row[k] = floats[k];
            }
        }

        @Override
        public void write(double[] row, int to, int length) {
            float[] floats = scratch(length);
            for (int k = 0; k < length; k++) {
                floats[k] = (float) row[k];
            }
            buffer.put(offset + to, floats, 0, length);
        }

        private float[] scratch(int length) {
            if (scratch.length < length) {
                scratch = new float[length];
            }
            return scratch;
        }

        @Override
        public void copy(int from, Elements target, int to, int length) {
            Floats t = (Floats) target;
            t.buffer.put(t.offset + to, buffer, offset + from, length);
        }
    }

    private static final class Doubles extends Elements {
        private final DoubleBuffer buffer;
        private final int offset;

        Doubles(DoubleBuffer buffer, int offset) {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(offset + i, value);
        }

        @Override
        public void read(int from, double[] row, int length) {
            buffer.get(offset + from, row, 0, length);
        }

        @Override
        public void write(double[] row, int to, int length) {
            buffer.put(offset + to, row, 0, length);
        }

        @Override
        public void copy(int from, Elements target, int to, int length) {
            Doubles t = (Doubles) target;
            t.buffer.put(t.offset + to, buffer, offset + from, length);
        }
    }
}
