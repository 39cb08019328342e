package jgrad.core;

import org.nd4j.linalg.api.buffer.DataType;
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
    private static final ThreadLocal<Shapes> SHAPES = ThreadLocal.withInitial(Shapes::new);
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
        Shapes shapes = SHAPES.get();
        NATIVE.execPairwiseTransform(null, number,
                da.getOpaqueDataBuffer(), shapes.a.at(a.shapeInfoDataBuffer().address()), null,
                db.getOpaqueDataBuffer(), shapes.b.at(b.shapeInfoDataBuffer().address()), null,
                dz.getOpaqueDataBuffer(), shapes.z.at(out.shapeInfoDataBuffer().address()), null,
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
        Shapes shapes = SHAPES.get();
        INDArray scalar = shapes.scalar(a.dataType());
        scalar.data().put(0, value);
        NATIVE.execScalar(null, number,
                ((BaseCpuDataBuffer) a.data()).getOpaqueDataBuffer(), shapes.a.at(a.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) out.data()).getOpaqueDataBuffer(), shapes.z.at(out.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) scalar.data()).getOpaqueDataBuffer(), shapes.b.at(scalar.shapeInfoDataBuffer().address()),
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
        Shapes shapes = SHAPES.get();
        NATIVE.execTransformStrict(null, number,
                ((BaseCpuDataBuffer) a.data()).getOpaqueDataBuffer(), shapes.a.at(a.shapeInfoDataBuffer().address()), null,
                ((BaseCpuDataBuffer) out.data()).getOpaqueDataBuffer(), shapes.z.at(out.shapeInfoDataBuffer().address()), null,
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

    private static final class Shapes {
        final RawPointers.Longs a = new RawPointers.Longs();
        final RawPointers.Longs b = new RawPointers.Longs();
        final RawPointers.Longs z = new RawPointers.Longs();
        /** One-element arrays for scalar arguments, by type, kept for the thread's life. */
        final java.util.Map<DataType, INDArray> scalars = new java.util.EnumMap<>(DataType.class);

        INDArray scalar(DataType type) {
            return scalars.computeIfAbsent(type, t -> {
                try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    return Nd4j.scalar(t, 0.0);
                }
            });
        }
    }
}
