package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.param;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class Conv2DTest {

    private static Conv2D float64(int stride, int padding, boolean bias) {
        return new Conv2D(2, 3, 3, stride, padding, bias, DataType.DOUBLE, Init.heUniform(), new Random(3));
    }

    @Test
    void outputShapeFollowsKernelStrideAndPadding() {
        Conv2D conv = new Conv2D(1, 8, 5, 1, 2, 1);
        assertArrayEquals(new long[] {8, 1, 5, 5}, conv.weight().shape());
        assertArrayEquals(new long[] {4, 8, 28, 28}, conv.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28))).shape());
        Conv2D strided = new Conv2D(1, 8, 3, 2, 0, 1);
        assertArrayEquals(new long[] {4, 8, 13, 13}, strided.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28))).shape());
    }

    @Test
    void aOneByOneKernelOfOnesSumsTheChannels() {
        Conv2D conv = new Conv2D(Tensor.param(Nd4j.ones(DataType.DOUBLE, 1, 2, 1, 1)), Tensor.param(Nd4j.createFromArray(0.5)), 1, 0);
        var x = Nd4j.createFromArray(new double[] {1, 2, 3, 4, 10, 20, 30, 40}).reshape(1, 2, 2, 2);
        assertEquals(Nd4j.createFromArray(new double[] {11.5, 22.5, 33.5, 44.5}).reshape(1, 1, 2, 2),
                conv.forward(Tensor.of(x)).value());
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        Conv2D conv = float64(1, 0, true);
        assertGradientsMatch("conv2d", in -> new Conv2D(param(in, 1), param(in, 2), 1, 0).forward(in.get(0)),
                rand(1, 2, 2, 5, 5), conv.weight().value(), conv.bias().value());
    }

    @Test
    void aStridedPaddedLayerWithoutBiasChecksToo() {
        Conv2D conv = float64(2, 1, false);
        assertGradientsMatch("conv2d strided", in -> new Conv2D(param(in, 1), null, 2, 1).forward(in.get(0)),
                rand(2, 1, 2, 6, 5), conv.weight().value());
    }

    @Test
    void aWrongChannelCountIsReportedWithBothShapes() {
        Conv2D conv = new Conv2D(3, 8, 3, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28))));
        assertTrue(e.getMessage().startsWith("Conv2D(3 -> 8") && e.getMessage().contains("[batch, 3, height, width]")
                && e.getMessage().contains("[4, 1, 28, 28]"), e.getMessage());
    }

    @Test
    void anInputSmallerThanTheKernelIsRefused() {
        Conv2D conv = new Conv2D(1, 1, 5, 1, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 1, 1, 3, 3))));
        assertTrue(e.getMessage().contains("5x5") && e.getMessage().contains("[1, 1, 3, 3]"), e.getMessage());
    }
}
