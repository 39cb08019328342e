package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PoolingTest {

    private static final int[][] KERNELS_AND_STRIDES = {{2, 2}, {3, 1}, {2, 3}, {3, 2}};

    /** Rectified values: most windows hold several zeros, so ties decide where the gradient goes. */
    private static INDArray rectified(DataType type, long... shape) {
        INDArray x = Nd4j.rand(type, shape).subi(0.7).muli(2);
        return x.mul(x.gt(0).castTo(type));
    }

    @Test
    void forwardAndBackwardMatchLibnd4jsMaxPoolingWithTiedWindows() {
        Nd4j.getRandom().setSeed(3);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : new long[][] {{2, 3, 7, 6}, {1, 2, 9, 9}, {4, 1, 5, 8}}) {
                INDArray x = rectified(type, shape);
                for (int[] kernelAndStride : KERNELS_AND_STRIDES) {
                    int kernel = kernelAndStride[0];
                    int stride = kernelAndStride[1];
                    String what = type + " " + java.util.Arrays.toString(shape) + ", kernel " + kernel + ", stride " + stride;
                    int[] args = {kernel, kernel, stride, stride, 0, 0, 1, 1, 0, 0, 0};
                    long outH = (shape[2] - kernel) / stride + 1;
                    long outW = (shape[3] - kernel) / stride + 1;
                    INDArray expected = Nd4j.create(type, shape[0], shape[1], outH, outW);
                    Kernels.custom("maxpool2d", new INDArray[] {x}, new INDArray[] {expected}, args);
                    INDArray actual = Nd4j.create(type, expected.shape());
                    INDArray argmax = Nd4j.create(DataType.INT, expected.shape());
                    Pooling.maxPoolForward(x, actual, argmax, kernel, stride);
                    assertEquals(expected, actual, "forward, " + what);

                    INDArray g = Nd4j.rand(type, expected.shape()).addi(1);
                    INDArray expectedGrad = Nd4j.create(type, shape);
                    Kernels.custom("maxpool2d_bp", new INDArray[] {x, g}, new INDArray[] {expectedGrad}, args);
                    INDArray grad = Nd4j.create(type, shape);
                    Pooling.scatterToMaxima(g, argmax, grad, false);
                    assertEquals(expectedGrad, grad, "backward, " + what);
                }
            }
        }
    }

    @Test
    void backwardAddsToAGradientThatIsAlreadyThere() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 6);
        INDArray out = Nd4j.create(DataType.DOUBLE, 2, 2, 3, 3);
        INDArray argmax = Nd4j.create(DataType.INT, 2, 2, 3, 3);
        Pooling.maxPoolForward(x, out, argmax, 2, 2);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3);
        INDArray alone = Nd4j.create(DataType.DOUBLE, x.shape());
        Pooling.scatterToMaxima(g, argmax, alone, false);
        INDArray earlier = Nd4j.rand(DataType.DOUBLE, x.shape());
        INDArray sum = earlier.dup();
        Pooling.scatterToMaxima(g, argmax, sum, true);
        assertEquals(earlier.add(alone), sum);
    }

    @Test
    void theOpAgreesWithLibnd4jsWhenTheLargeKernelsHaveTwoThreads() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = rectified(DataType.DOUBLE, 2, 3, 8, 8);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 4);
        INDArray[] javaPath = poolForwardAndBackward(x, g);
        ThreadChoice before = Threads.current();
        try {
            Threads.configure(1, 2);
            INDArray[] libnd4jPath = poolForwardAndBackward(x, g);
            assertEquals(libnd4jPath[0], javaPath[0]);
            assertEquals(libnd4jPath[1], javaPath[1]);
        } finally {
            Threads.restore(before);
        }
    }

    private static INDArray[] poolForwardAndBackward(INDArray x, INDArray g) {
        Parameter input = Tensor.param(x.dup());
        try (Tape tape = Tape.record()) {
            Tensor y = Ops.maxPool2d(input, 2, 2);
            INDArray value = y.value().dup();
            tape.backward(y, g);
            return new INDArray[] {value, input.grad().dup()};
        }
    }
}
