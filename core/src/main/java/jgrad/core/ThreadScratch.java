package jgrad.core;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the kernels of one thread reuse from call to call instead of allocating it: arrays of ones, a
 * float buffer, pointer objects for native calls, one-element arrays for scalar arguments. Kept beside
 * the thread's active tape ({@link Tape#scratch()}), so that jgrad has one place of per-thread state
 * (Gemm's pointers and the adaptive widths of {@link Threads} are still their own).
 */
final class ThreadScratch {

    /**
     * Arrays of ones each thread keeps: a training run meets a handful of shapes (its batch size, the last
     * smaller batch, the evaluation batch, a row per layer width), far fewer than this.
     */
    static final int ONES_KEPT = 32;

    /** Arrays of ones by type and shape, the {@link #ONES_KEPT} used last: a run that meets ever new batch sizes keeps no more. */
    private final Map<Memory.Key, INDArray> ones = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Memory.Key, INDArray> eldest) {
            return size() > ONES_KEPT;
        }
    };
    private float[] floats = new float[0];
    /** One-element arrays for scalar arguments of native calls, by type. */
    private final Map<DataType, INDArray> scalars = new EnumMap<>(DataType.class);

    /** Pointers for {@link Elements}' bulk copies. */
    final RawPointers.Floats floatsAt = new RawPointers.Floats();
    final RawPointers.Doubles doublesAt = new RawPointers.Doubles();
    /** Pointers at the shape buffers of {@link NativeKernels}' operands. */
    final RawPointers.Longs shapeA = new RawPointers.Longs();
    final RawPointers.Longs shapeB = new RawPointers.Longs();
    final RawPointers.Longs shapeZ = new RawPointers.Longs();

    /** An array of ones of the given type and shape, never written to. */
    INDArray ones(DataType type, long[] shape) {
        INDArray found = ones.get(new Memory.Key(type, shape));
        if (found == null) {
            try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                found = Nd4j.ones(type, shape);
            }
            ones.put(new Memory.Key(type, shape.clone()), found);
        }
        return found;
    }

    /** How many arrays of ones are kept. */
    int onesKept() {
        return ones.size();
    }

    /** A float array of at least n elements, whose contents are dead after the call that asked. */
    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    /** A one-element array of the given type, for a scalar argument written just before a native call. */
    INDArray scalar(DataType type) {
        return scalars.computeIfAbsent(type, t -> {
            try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.scalar(t, 0.0);
            }
        });
    }
}
