package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.param;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    private static Dense float64(long in, long out, boolean bias) {
        return new Dense(in, out, bias, DataType.DOUBLE, Init.glorotUniform(), new Random(5));
    }

    @Test
    void forwardIsXTimesWPlusB() {
        Dense dense = new Dense(Tensor.param(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}})),
                Tensor.param(Nd4j.createFromArray(10.0, 20.0)));
        INDArray y = dense.forward(Tensor.of(Nd4j.createFromArray(new double[][] {{1, 0, -1}, {0, 1, 0}}))).value();
        assertEquals(Nd4j.createFromArray(new double[][] {{6, 16}, {13, 24}}), y);
    }

    @Test
    void defaultsAreFloat32GlorotUniformWeightsAndZeroBias() {
        Dense dense = new Dense(784, 128, 1);
        assertEquals(DataType.FLOAT, dense.weight().dataType());
        assertArrayEquals(new long[] {784, 128}, dense.weight().shape());
        assertEquals(Nd4j.zeros(DataType.FLOAT, 128), dense.bias().value());
        double limit = Math.sqrt(6.0 / (784 + 128));
        assertTrue(dense.weight().value().amaxNumber().doubleValue() <= limit);
        assertArrayEquals(new long[] {32, 128}, dense.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 32, 784))).shape());
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        Dense dense = float64(4, 3, true);
        assertGradientsMatch("dense", in -> new Dense(param(in, 1), param(in, 2)).forward(in.get(0)),
                rand(1, 5, 4), dense.weight().value(), dense.bias().value());
    }

    @Test
    void aLayerWithoutBiasHasOnlyAWeightAndChecksToo() {
        Dense dense = float64(4, 3, false);
        assertNull(dense.bias());
        assertEquals(1, dense.parameters().size());
        assertGradientsMatch("dense without bias", in -> new Dense(param(in, 1), null).forward(in.get(0)),
                rand(2, 5, 4), dense.weight().value());
    }

    @Test
    void aWrongInputWidthIsReportedWithBothShapes() {
        Dense dense = new Dense(784, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 32, 100))));
        assertTrue(e.getMessage().contains("Dense(784 -> 10)") && e.getMessage().contains("[batch, 784]")
                && e.getMessage().contains("[32, 100]"), e.getMessage());
    }

    @Test
    void anImageBatchIsRefusedWithAHintToFlatten() {
        Dense dense = new Dense(784, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28))));
        assertTrue(e.getMessage().contains("[8, 1, 28, 28]") && e.getMessage().contains("Flatten"), e.getMessage());
    }

    @Test
    void anInputOfAnotherTypeIsRefusedByName() {
        Dense dense = new Dense(3, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(Tensor.of(Nd4j.rand(DataType.DOUBLE, 4, 3))));
        assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("FLOAT"), e.getMessage());
    }

    @Test
    void aBiasThatDoesNotMatchTheWeightIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(Tensor.param(Nd4j.ones(DataType.FLOAT, 3, 2)), Tensor.param(Nd4j.ones(DataType.FLOAT, 3))));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("FLOAT[2]"), e.getMessage());
    }
}
