package jgrad.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of a dense row-major float32 or float64 array, read and written in place in its native
 * memory, as doubles: for the per-row updates of sparse gradients, where a few thousand scattered rows
 * cost less in a Java loop than in ND4J calls that gather, compute and scatter them back.
 */
abstract class Elements {

    static Elements of(INDArray array) {
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

    abstract double get(int i);

    abstract void set(int i, double value);

    private static final class Floats extends Elements {
        private final FloatBuffer buffer;
        private final int offset;

        Floats(FloatBuffer buffer, int offset) {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(offset + i, (float) value);
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
        double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(offset + i, value);
        }
    }
}
