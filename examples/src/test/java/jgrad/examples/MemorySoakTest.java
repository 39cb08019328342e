package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.layers.Dense;
import jgrad.layers.Init;
import jgrad.layers.ReLU;
import jgrad.layers.Sequential;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thousands of training steps of a small MLP with SGD and momentum, as the README's memory bound
 * states it: native arrays stay at one step's worth, each step leaves a bounded amount of short-lived
 * Java garbage, and what survives a collection does not grow.
 */
class MemorySoakTest {

    /** Java bytes one warm step of this model may allocate: about 25 KB measured, 54 KB before the direct BLAS and native elementwise calls. */
    static final long BYTES_PER_STEP = 36_000;
    /** Steps of each of the two measured windows, after 1,000 steps of warm-up. */
    static final int WINDOW = 1_500;
    /**
     * Growth of the heap that survives a full collection allowed in each window: a leak of 1.4 KB a step
     * (the 4 MB over 3,000 steps this test bounded before) fails it in both.
     */
    static final long RETAINED_GROWTH = 2L << 20;

    @Test
    void fourThousandStepsKeepNativeArraysConstantAndJavaGarbagePerStepBounded() throws InterruptedException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        Random rng = new Random(1);
        Sequential model = new Sequential(
                new Dense(64, 32, true, DataType.FLOAT, Init.heUniform(), rng), new ReLU(),
                new Dense(32, 10, true, DataType.FLOAT, Init.glorotUniform(), rng));
        var named = model.namedParameters();
        SGD sgd = SGD.builder(named.values(), 0.01).momentum(0.9)
                .weightDecay(1e-4, Optimizer.select(named, name -> !name.endsWith("bias"))).build();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 64);
        INDArray y = Nd4j.createFromArray(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
                4, 5, 6, 7, 8, 9, 0, 1});

        for (int i = 0; i < 1_000; i++) {
            step(model, sgd, x, y);
        }
        long liveAfterWarmUp = Tape.liveArrays();
        long retainedAfterWarmUp = retainedHeap(memory);
        long thread = Thread.currentThread().getId();
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long[] growth = new long[2];
        long retained = retainedAfterWarmUp;
        for (int window = 0; window < 2; window++) {
            for (int i = 0; i < WINDOW; i++) {
                step(model, sgd, x, y);
            }
            long now = retainedHeap(memory);
            growth[window] = now - retained;
            retained = now;
        }
        long bytesPerStep = (threads.getThreadAllocatedBytes(thread) - bytesBefore) / (2 * WINDOW);

        assertEquals(liveAfterWarmUp, Tape.liveArrays(), "native arrays of the step pool");
        assertTrue(bytesPerStep < BYTES_PER_STEP, "Java garbage per step: " + bytesPerStep + " bytes");
        // A leak grows the heap in every window; what another thread or a lazy cache of the JDK leaves once
        // (5.8 MB was seen under a load of 15) shows in one window only, so the smaller growth is the leak's.
        assertTrue(Math.min(growth[0], growth[1]) < RETAINED_GROWTH, "heap retained after a collection grew by "
                + growth[0] + " and " + growth[1] + " bytes in two windows of " + WINDOW + " steps");
    }

    /**
     * The heap in use once collections settle: one System.gc() can leave the last young objects behind,
     * and under load another thread's garbage may land between two readings, so the least of readings
     * taken until one no longer falls.
     */
    private static long retainedHeap(java.lang.management.MemoryMXBean memory) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            Thread.sleep(20);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= least && i >= 2) {
                break;
            }
            least = Math.min(least, used);
        }
        return least;
    }

    private static void step(Sequential model, SGD sgd, INDArray x, INDArray y) {
        try (Tape tape = Tape.record()) {
            Tensor loss = Ops.crossEntropy(model.forward(Tensor.of(x)), y);
            tape.backward(loss);
            loss.item();
        }
        sgd.step();
        sgd.zeroGrad();
    }
}
