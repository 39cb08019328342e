package jgrad.core;

import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A legacy pairwise transform ({@link LegacyPairwise}'s numbers) called straight through libnd4j's
 * native entry point, as ND4J's executioner calls it but without what it builds on the way: an op
 * object, a pointer object per buffer and shape, and its checks (about 1.5 KB of Java garbage a call).
 * Only for arrays of one type and shape that start their buffer (offset 0); others go through
 * {@code Nd4j.exec}.
 */
final class NativePairwise {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private static final ThreadLocal<Shapes> SHAPES = ThreadLocal.withInitial(Shapes::new);

    private NativePairwise() {}

    /** out = a (op number) b elementwise; false, having done nothing, if the arrays do not qualify. */
    static boolean run(INDArray a, INDArray b, INDArray out, int number) {
        if (a.dataType() != out.dataType() || b.dataType() != out.dataType() || a.offset() != 0 || b.offset() != 0
                || out.offset() != 0 || !(a.data() instanceof BaseCpuDataBuffer da)
                || !(b.data() instanceof BaseCpuDataBuffer db) || !(out.data() instanceof BaseCpuDataBuffer dz)) {
            return false;
        }
        Shapes shapes = SHAPES.get();
        NATIVE.execPairwiseTransform(null, number,
                da.getOpaqueDataBuffer(), shapes.a.at(a.shapeInfoDataBuffer().address()), null,
                db.getOpaqueDataBuffer(), shapes.b.at(b.shapeInfoDataBuffer().address()), null,
                dz.getOpaqueDataBuffer(), shapes.z.at(out.shapeInfoDataBuffer().address()), null,
                null);
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException("pairwise op " + number + " on " + Check.shape(out.shape()) + ": "
                    + NATIVE.lastErrorMessage());
        }
        return true;
    }

    private static final class Shapes {
        final RawLongs a = new RawLongs();
        final RawLongs b = new RawLongs();
        final RawLongs z = new RawLongs();
    }

    /** A long pointer at a given address that owns nothing (the array keeps its shape buffer). */
    private static final class RawLongs extends LongPointer {
        RawLongs at(long at) {
            address = at;
            return this;
        }
    }
}
