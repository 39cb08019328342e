package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The tape is the memory scope of a step: a training loop's step memory stays flat. */
class MemoryTest {

    @Test
    void aThousandTrainingStepsLeakNoArrays() {
        Nd4j.getRandom().setSeed(3);
        Parameter w1 = Tensor.param(Nd4j.randn(DataType.FLOAT, 64, 32).muli(0.1));
        Parameter b1 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 32));
        Parameter w2 = Tensor.param(Nd4j.randn(DataType.FLOAT, 32, 10).muli(0.1));
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 16, 64));
        INDArray labels = Nd4j.createFromArray(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5});
        long afterWarmUp = 0;
        double firstLoss = 0;
        double lastLoss = 0;
        for (int step = 0; step < 1000; step++) {
            try (Tape tape = Tape.record()) {
                Tensor loss = Ops.crossEntropy(x.matmul(w1).add(b1).relu().matmul(w2), labels);
                tape.backward(loss);
                lastLoss = loss.item();
            }
            for (Parameter p : new Parameter[] {w1, b1, w2}) {
                p.value().subi(p.grad().mul(0.1));
                p.zeroGrad();
            }
            if (step == 1) {
                afterWarmUp = Tape.liveArrays();
                firstLoss = lastLoss;
            }
        }
        assertTrue(afterWarmUp > 0, "the steps allocate from the tape's memory");
        assertEquals(afterWarmUp, Tape.liveArrays(), "live arrays after 1,000 steps");
        assertTrue(lastLoss < firstLoss / 10, "the loop trains: " + firstLoss + " -> " + lastLoss);
        Tape.releasePooledMemory();
        assertEquals(0, Tape.liveArrays(), "the pool releases every array");
    }

    @Test
    void arraysLeftIdleForAStepAreReleased() {
        Tape.releasePooledMemory();
        long before = Tape.liveArrays();
        try (Tape tape = Tape.record()) {
            Tensor.of(Nd4j.ones(DataType.FLOAT, 100, 100)).mul(2);
        }
        assertEquals(before + 1, Tape.liveArrays(), "kept for reuse by the next step");
        try (Tape tape = Tape.record()) {
            Tensor.of(Nd4j.ones(DataType.FLOAT, 7)).mul(2); // a step of another shape
        }
        try (Tape tape = Tape.record()) {
            Tensor.of(Nd4j.ones(DataType.FLOAT, 7)).mul(2);
        }
        assertEquals(before + 1, Tape.liveArrays(), "the 100x100 array, unused for a step, was released");
        Tape.releasePooledMemory();
    }
}
