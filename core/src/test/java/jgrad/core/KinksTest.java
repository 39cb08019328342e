package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients exactly at the kinks of relu, hardtanh and max along an axis, where finite differences cannot decide:
 * PyTorch's choices for relu and hardtanh; for max, the first of tied elements (as argmax picks it).
 */
class KinksTest {

    private static double[] gradient(DataType type, double[] at, java.util.function.UnaryOperator<Tensor> f) {
        Parameter x = Tensor.param(Nd4j.createFromArray(at).castTo(type));
        try (Tape tape = Tape.record()) {
            Tensor y = f.apply(x);
            INDArray seed = Nd4j.createFromArray(at).castTo(type).assign(3); // gradOut 3 everywhere
            tape.backward(y, seed);
        }
        return x.grad().toDoubleVector();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void hardtanhPassesTheGradientStrictlyInsideMinusOneOneAndZeroAtTheEnds(DataType type) {
        double[] x = {-2, -1.001, -1, -0.999, 0, 0.999, 1, 1.001, 2};
        assertArrayEquals(new double[] {0, 0, 0, 3, 3, 3, 0, 0, 0}, gradient(type, x, Tensor::hardtanh));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void reluPassesTheGradientAboveZeroOnlyAndZeroAtZero(DataType type) {
        double[] x = {-1, -0.0, 0, 1e-30, 1};
        assertArrayEquals(new double[] {0, 0, 0, 3, 3}, gradient(type, x, Tensor::relu));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void maxAlongAnAxisSendsEachGradientToTheFirstOfTiedElementsOnly(DataType type) {
        Parameter x = Tensor.param(Nd4j.createFromArray(new double[][] {{1, 5, 5}, {2, 2, -1}}).castTo(type));
        try (Tape tape = Tape.record()) {
            Tensor y = x.max(1);
            assertArrayEquals(new double[] {5, 2}, y.value().toDoubleVector());
            tape.backward(y, Nd4j.createFromArray(3.0, 4.0).castTo(type));
        }
        assertArrayEquals(new double[] {0, 3, 0, 4, 0, 0}, x.grad().reshape(6).toDoubleVector());
    }

    @Test
    void maxAlongAnAxisNamesItselfForAnIntegerTensorOrAnEmptyAxis() {
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(Nd4j.createFromArray(new int[][] {{1, 2}})).max(1));
        assertTrue(integer.getMessage().startsWith("max: "), integer.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(Nd4j.create(DataType.FLOAT, 2, 0)).max(1));
        assertEquals("max: axis 1 of [2, 0] is empty; expected at least one element to choose from", empty.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void segmentMaxTakesEachRunsLargestRowElementwiseAndRoutesToTheFirstOfTies(DataType type) {
        Parameter x = Tensor.param(Nd4j.createFromArray(new double[][] {{1, 7}, {4, 7}, {2, 0}, {-1, -3}}).castTo(type));
        try (Tape tape = Tape.record()) {
            Tensor y = Ops.segmentMax(x, new int[] {3, 1});
            assertArrayEquals(new double[] {4, 7, -1, -3}, y.value().reshape(4).toDoubleVector());
            tape.backward(y, Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).castTo(type));
        }
        assertArrayEquals(new double[] {0, 2, 1, 0, 0, 0, 3, 4}, x.grad().reshape(8).toDoubleVector());
        assertThrows(IllegalArgumentException.class, () -> Ops.segmentMax(x, new int[] {3, 2}));
        assertThrows(IllegalArgumentException.class, () -> Ops.segmentMax(x, new int[] {4, 0}));
    }
}
