package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Legacy pairwise transforms ({@link LegacyPairwise}'s numbers) and scalar ops called straight through
 * libnd4j's native entry points, as ND4J's executioner calls them but without what it builds on the way:
 * an op object, a pointer object per buffer and shape, a fresh array for a scalar argument, and its
 * checks (1-2 KB of Java garbage a call). Only for arrays of one type that start their buffer (offset
 * 0); others go through {@code Nd4j.exec}.
 */
final class NativeKernels {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    /** libnd4j's numbers of the scalar ops, read from ND4J's own op classes. */
    static final int SCALAR_ADD = new ScalarAdd(Nd4j.scalar(0f), 0).opNum();
    static final int SCALAR_MULTIPLY = new ScalarMultiplication(Nd4j.scalar(0f), 0).opNum();

    private NativeKernels() {}

    /** out = a (op number) b elementwise; false, having done nothing, if the arrays do not qualify. */
    static boolean pairwise(INDArray a, INDArray b, INDArray out, int number) {
        if (a.dataType() != out.dataType() || b.dataType() != out.dataType() || !starts(a) || !starts(b) || !starts(out)) {
            return false;
        }
        BaseCpuDataBuffer da = (BaseCpuDataBuffer) a.data();
        BaseCpuDataBuffer db = (BaseCpuDataBuffer) b.data();
        BaseCpuDataBuffer dz = (BaseCpuDataBuffer) out.data();
        ThreadScratch scratch = Tape.scratch();
        NATIVE.execPairwiseTransform(null, number,
                da.getOpaqueDataBuffer(), scratch.shapeA.at(a.shapeInfoDataBuffer().address()), null,
                db.getOpaqueDataBuffer(), scratch.shapeB.at(b.shapeInfoDataBuffer().address()), null,
                dz.getOpaqueDataBuffer(), scratch.shapeZ.at(out.shapeInfoDataBuffer().address()), null,
                null);
        check("pairwise op " + number, out);
        return true;
    }

    /**
     * out = a (scalar op number) value, for a and out of one type and shape; false, having done nothing,
     * if the arrays do not qualify.
     */
    static boolean scalar(INDArray a, double value, INDArray out, int number) {
        if (a.dataType() != out.dataType() || !a.dataType().isFPType() || !starts(a) || !starts(out)
                || a.length() != out.length()) {
            return false;
        }
        ThreadScratch scratch = Tape.scratch();
        INDArray scalar = scratch.scalar(a.dataType());
        scalar.data().put(0, value);
        NATIVE.execScalar(null, number,
                ((BaseCpuDataBuffer) a.data()).getOpaqueDataBuffer(), scratch.shapeA.at(a.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) out.data()).getOpaqueDataBuffer(), scratch.shapeZ.at(out.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) scalar.data()).getOpaqueDataBuffer(), scratch.shapeB.at(scalar.shapeInfoDataBuffer().address()),
                null, null);
        check("scalar op " + number, out);
        return true;
    }

    /**
     * out = f(a) for a legacy "strict" transform (exp, log, sigmoid, tanh, ...: {@link Kernels.Strict}'s
     * numbers), for a and out of one floating-point type and length; false, having done nothing, if the
     * arrays do not qualify.
     */
    static boolean strict(INDArray a, INDArray out, int number) {
        if (a.dataType() != out.dataType() || !a.dataType().isFPType() || !starts(a) || !starts(out)
                || a.length() != out.length()) {
            return false;
        }
        ThreadScratch scratch = Tape.scratch();
        NATIVE.execTransformStrict(null, number,
                ((BaseCpuDataBuffer) a.data()).getOpaqueDataBuffer(), scratch.shapeA.at(a.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) out.data()).getOpaqueDataBuffer(), scratch.shapeZ.at(out.shapeInfoDataBuffer().address()), null,
                null);
        check("transform op " + number, out);
        return true;
    }

    /** Whether the array is the whole of a CPU buffer from its first element (a view may not be). */
    private static boolean starts(INDArray x) {
        return x.offset() == 0 && x.data() instanceof BaseCpuDataBuffer;
    }

    private static void check(String op, INDArray out) {
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException(op + " on " + Check.shape(out.shape()) + ": " + NATIVE.lastErrorMessage());
        }
    }
}
