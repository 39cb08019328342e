package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MaxPool2DTest {

    @Test
    void eachWindowGivesItsMaximum() {
        var x = Nd4j.createFromArray(new double[] {1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 2, 7}).reshape(1, 1, 4, 4);
        assertEquals(Nd4j.createFromArray(new double[] {5, 8, 9, 7}).reshape(1, 1, 2, 2),
                new MaxPool2D(2).forward(Tensor.of(x)).value());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradientsMatch("maxPool2d", in -> new MaxPool2D(2).forward(in.get(0)), rand(1, 2, 3, 4, 6));
        assertGradientsMatch("maxPool2d overlapping", in -> new MaxPool2D(3, 1).forward(in.get(0)), rand(2, 1, 2, 5, 5));
    }

    @Test
    void poolingThenRectifyingIsRectifyingThenPoolingValuesAndGradients() {
        // The MNIST CNN relies on it to run its ReLUs on the pooled, smaller arrays.
        Nd4j.getRandom().setSeed(8);
        var x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6, 6).subi(0.6);
        var g = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 3);
        var poolFirst = forwardAndBackward(new Sequential(new MaxPool2D(2), new ReLU()), x, g);
        var rectifyFirst = forwardAndBackward(new Sequential(new ReLU(), new MaxPool2D(2)), x, g);
        assertEquals(rectifyFirst[0], poolFirst[0]);
        assertEquals(rectifyFirst[1], poolFirst[1]);
        assertTrue(poolFirst[1].eq(0).castTo(DataType.INT).sumNumber().intValue() < x.length(), "some gradient flows");
    }

    private static INDArray[] forwardAndBackward(Layer layer,
            INDArray x, INDArray g) {
        var input = Tensor.param(x.dup());
        try (Tape tape = Tape.record()) {
            Tensor y = layer.forward(input);
            var value = y.value().dup();
            tape.backward(y, g);
            return new INDArray[] {value, input.grad().dup()};
        }
    }

    @Test
    void anInputWithoutSpatialAxesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2D(2).forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 8, 100))));
        assertTrue(e.getMessage().contains("MaxPool2D") && e.getMessage().contains("[8, 100]"), e.getMessage());
    }
}
