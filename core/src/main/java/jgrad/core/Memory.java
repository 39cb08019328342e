package jgrad.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Off-heap memory for the arrays a step makes: one pool per thread, recycled from step to step.
 *
 * <p>Every array an op makes while a {@link Tape} is open comes from here and goes back here when the
 * tape closes. Allocating a fresh ND4J array costs 12-17 us and leaves its release to the garbage
 * collector (6.4 GB resident after 200,000 unreleased 784x128 arrays on a 2-core machine); taking one
 * back from the pool costs a map look-up. When the outermost tape closes, arrays that sat unused in the
 * pool for the whole step are released with {@link INDArray#close()}, so the pool never holds more
 * than about one step's arrays, and memory stays flat whatever the garbage collector does.
 */
final class Memory {

    private static final AtomicLong live = new AtomicLong();

    /** Arrays given back during the current step. */
    private Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    /** Arrays given back during the previous step and not taken again since. */
    private Map<Key, ArrayDeque<INDArray>> idleSinceLastStep = new HashMap<>();

    /** Arrays made by jgrad's step memory and not yet released, over all threads. A debug figure. */
    static long liveArrays() {
        return live.get();
    }

    /** An array of the given type and shape with undefined contents. */
    INDArray take(DataType type, long[] shape) {
        Key key = new Key(type, shape);
        ArrayDeque<INDArray> recent = free.get(key);
        if (recent != null && !recent.isEmpty()) {
            return recent.pop();
        }
        ArrayDeque<INDArray> idle = idleSinceLastStep.get(key);
        if (idle != null && !idle.isEmpty()) {
            return idle.pop();
        }
        live.incrementAndGet();
        return Nd4j.createUninitialized(type, shape, 'c');
    }

    /** Returns arrays to the pool; their contents are dead from now on. */
    void giveBack(List<INDArray> arrays) {
        for (INDArray array : arrays) {
            free.computeIfAbsent(new Key(array.dataType(), array.shape()), k -> new ArrayDeque<>()).push(array);
        }
    }

    /**
     * Marks the end of a step: arrays that stayed idle since the previous step ended are released, and
     * those used in this step become the candidates for release at the next.
     */
    void endStep() {
        List<INDArray> stale = new ArrayList<>();
        idleSinceLastStep.values().forEach(stale::addAll);
        idleSinceLastStep.clear();
        for (INDArray array : stale) {
            array.close();
            live.decrementAndGet();
        }
        Map<Key, ArrayDeque<INDArray>> emptied = idleSinceLastStep;
        idleSinceLastStep = free;
        free = emptied;
    }

    /** Releases everything the pool holds (the thread's last step is over). */
    void releaseAll() {
        endStep();
        endStep();
    }

    private record Key(DataType type, long[] shape) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.type == type && Arrays.equals(key.shape, shape);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(shape);
        }
    }
}
