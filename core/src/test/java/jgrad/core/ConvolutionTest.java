package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionTest {

    @Test
    void im2colMatchesLibnd4jsWithStrideAndPadding() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 6);
        int kernel = 3;
        int stride = 2;
        int padding = 1;
        long outH = (7 + 2 * padding - kernel) / stride + 1;
        long outW = (6 + 2 * padding - kernel) / stride + 1;
        INDArray expected = Nd4j.create(DataType.FLOAT, 2, 3, kernel, kernel, outH, outW);
        Kernels.custom("im2col", new INDArray[] {x}, new INDArray[] {expected}, kernel, kernel, stride, stride, padding, padding, 1, 1, 0);
        INDArray actual = Nd4j.create(DataType.FLOAT, expected.shape());
        Convolution.im2col(x, actual, kernel, kernel, stride, padding);
        assertEquals(expected, actual);
    }
}
