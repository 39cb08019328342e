package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.BaseTransformStrictOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J calls the ops are made of, each writing into an output array it is given: no call here
 * allocates its result, so every array of a step comes from the tape's memory. Binary kernels broadcast
 * as NumPy does.
 */
final class Kernels {

    private Kernels() {}

    static void add(INDArray a, INDArray b, INDArray out) {
        if (!pairwise(a, b, out, LegacyPairwise.ADD) && !addRow(a, b, out)) {
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
            step(y, target);
            mul(g, target, target);
        }
    }

    /** libnd4j's number of the rectifier, a scalar op (max(x, cutoff)), read from ND4J's op class. */
    private static final int RELU = new RectifiedLinear(Nd4j.scalar(0f), 0.0).opNum();

    /** out = max(a, 0), a and out of one shape. */
    static void relu(INDArray a, INDArray out) {
        if (!Arrays.equals(a.shape(), out.shape()) || !NativeKernels.scalar(a, 0.0, out, RELU)) {
            Nd4j.exec(new RectifiedLinear(a, out, 0.0));
        }
    }

    /**
     * out = a + b for a matrix [n, d] shaped like out and a row of d (a bias): a copy and one rank-1
     * update in BLAS, 1-2 us at 128x32 against 5-7 for libnd4j's broadcasting add (a custom op); false,
     * having done nothing that matters, when the arrays do not qualify.
     */
    static boolean addRow(INDArray a, INDArray b, INDArray out) {
        long[] shape = out.shape();
        INDArray matrix = Arrays.equals(a.shape(), shape) ? a : b;
        INDArray row = matrix == a ? b : a;
        if (shape.length != 2 || !Arrays.equals(matrix.shape(), shape) || row.length() != shape[1] || row.rank() > 2
                || (row.rank() == 2 && row.size(0) != 1)) {
            return false;
        }
        copy(matrix, out);
        // A failed check leaves out holding the matrix, which the broadcasting add then overwrites.
        return Gemm.addToEveryRow(row, Tape.onesRow(out.dataType(), shape[0]), out);
    }

    /** libnd4j's number of the step function, a scalar op (1 where x > cutoff, else 0). */
    private static final int STEP = new Step(Nd4j.scalar(0f), 0.0).opNum();

    /** out = 1 where a > 0, else 0; a and out of one shape. */
    static void step(INDArray a, INDArray out) {
        if (!Arrays.equals(a.shape(), out.shape()) || !NativeKernels.scalar(a, 0.0, out, STEP)) {
            Nd4j.exec(new Step(a, out, 0.0));
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

    /** The legacy elementwise functions of one array that run straight through {@link NativeKernels#strict}. */
    enum Strict {
        EXP(Exp::new), LOG(Log::new), SIGMOID(Sigmoid::new), TANH(Tanh::new), SIN(Sin::new), COS(Cos::new);

        /** ND4J's op object, for arrays the direct call does not take (views, mixed types). */
        final java.util.function.BiFunction<INDArray, INDArray, ? extends BaseTransformStrictOp> op;
        /** libnd4j's number of the op, read from ND4J's op class. */
        final int number;

        Strict(java.util.function.BiFunction<INDArray, INDArray, ? extends BaseTransformStrictOp> op) {
            this.op = op;
            INDArray probe = Nd4j.scalar(0f);
            this.number = op.apply(probe, probe).opNum();
        }
    }

    /**
     * out = f(a) elementwise, a and out of one shape: straight to libnd4j when it can (an op object and
     * the executioner's checks cost 1-2 us and about 1 KB of garbage a call), else through {@code Nd4j.exec}.
     */
    static void strict(Strict f, INDArray a, INDArray out) {
        if (!Arrays.equals(a.shape(), out.shape()) || !NativeKernels.strict(a, out, f.number)) {
            Nd4j.exec(f.op.apply(a, out));
        }
    }

    /** Runs a libnd4j custom op by name with the given inputs, outputs and integer arguments. */
    static void custom(String name, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        Tape.customOps().run(name, inputs, outputs, intArgs);
    }
}
