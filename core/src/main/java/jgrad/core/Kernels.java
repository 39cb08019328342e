package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J calls the ops are made of, each writing into an output array it is given: no call here
 * allocates its result, so every array of a step comes from the tape's memory. Binary kernels broadcast
 * as NumPy does.
 */
final class Kernels {

    private Kernels() {}

    static void add(INDArray a, INDArray b, INDArray out) {
        if (!pairwise(a, b, out, LegacyPairwise.ADD)) {
            custom("add", new INDArray[] {a, b}, new INDArray[] {out});
        }
    }

    static void sub(INDArray a, INDArray b, INDArray out) {
        if (!pairwise(a, b, out, LegacyPairwise.SUBTRACT)) {
            custom("subtract", new INDArray[] {a, b}, new INDArray[] {out});
        }
    }

    static void mul(INDArray a, INDArray b, INDArray out) {
        if (!pairwise(a, b, out, LegacyPairwise.MULTIPLY)) {
            custom("multiply", new INDArray[] {a, b}, new INDArray[] {out});
        }
    }

    static void div(INDArray a, INDArray b, INDArray out) {
        if (!pairwise(a, b, out, LegacyPairwise.DIVIDE)) {
            custom("divide", new INDArray[] {a, b}, new INDArray[] {out});
        }
    }

    /** out = source, for arrays of one shape (either may be a strided view). */
    static void copy(INDArray source, INDArray out) {
        if (!pairwise(out, source, out, LegacyPairwise.COPY)) {
            out.assign(source);
        }
    }

    /** Elements of a rectifier's backward above which two legacy kernels beat libnd4j's relu_bp (152 us against 36 at 128x512). */
    private static final long RELU_BP_LIMIT = 16_384;

    /** target = g where y > 0, else 0: the backward of relu from its output y. */
    static void reluBackward(INDArray g, INDArray y, INDArray target) {
        if (y.length() < RELU_BP_LIMIT) {
            custom("relu_bp", new INDArray[] {y, g}, new INDArray[] {target});
        } else {
            Nd4j.exec(new Step(y, target, 0.0));
            mul(g, target, target);
        }
    }

    /** Runs the fast legacy kernel when no broadcasting is needed; false when it is. */
    private static boolean pairwise(INDArray a, INDArray b, INDArray out, int number) {
        long[] shape = out.shape();
        if (!Arrays.equals(a.shape(), shape) || !Arrays.equals(b.shape(), shape)) {
            return false;
        }
        if (!NativeKernels.pairwise(a, b, out, number)) {
            Nd4j.exec(new LegacyPairwise(a, b, out, number));
        }
        return true;
    }

    /** out = a * scale + shift */
    static void affine(INDArray a, double scale, double shift, INDArray out) {
        if (scale == -1 && shift == 0) { // a legacy transform: no scalar argument to allocate
            Nd4j.exec(new Negative(a, out));
            return;
        }
        if (scale == 1 && shift == 0) {
            copy(a, out);
            return;
        }
        if (scale != 1) {
            if (!NativeKernels.scalar(a, scale, out, NativeKernels.SCALAR_MULTIPLY)) {
                Nd4j.exec(new ScalarMultiplication(a, null, out, scale));
            }
            a = out;
        }
        if (shift != 0 || a != out) {
            if (!NativeKernels.scalar(a, shift, out, NativeKernels.SCALAR_ADD)) {
                Nd4j.exec(new ScalarAdd(a, null, out, shift));
            }
        }
    }

    /** out = source, broadcast to out's shape. */
    static void broadcastAssign(INDArray source, INDArray out) {
        custom("assign", new INDArray[] {out, source}, new INDArray[] {out});
    }

    /** Runs a libnd4j custom op by name with the given inputs, outputs and integer arguments. */
    static void custom(String name, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        Tape.customOps().run(name, inputs, outputs, intArgs);
    }
}
