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
    /** Growth of the heap that survives a full collection, from step 1,000 to step 4,000. */
    static final long RETAINED_GROWTH = 4L << 20;

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
        int steps = 3_000;
        for (int i = 0; i < steps; i++) {
            step(model, sgd, x, y);
        }
        long bytesPerStep = (threads.getThreadAllocatedBytes(thread) - bytesBefore) / steps;
        long retainedGrowth = retainedHeap(memory) - retainedAfterWarmUp;

        assertEquals(liveAfterWarmUp, Tape.liveArrays(), "native arrays of the step pool");
        assertTrue(bytesPerStep < BYTES_PER_STEP, "Java garbage per step: " + bytesPerStep + " bytes");
        assertTrue(retainedGrowth < RETAINED_GROWTH, "heap retained after a collection grew by " + retainedGrowth + " bytes");
    }

    /** The heap in use after collections: one System.gc() can leave the last young objects behind. */
    private static long retainedHeap(java.lang.management.MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return memory.getHeapMemoryUsage().getUsed();
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
