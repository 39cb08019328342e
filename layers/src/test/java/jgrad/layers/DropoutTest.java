package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class DropoutTest {

    private static final Tensor ONES = Tensor.of(Nd4j.ones(DataType.FLOAT, 100, 100));

    @Test
    void trainingDropsAboutPOfTheUnitsAndScalesTheRest() {
        INDArray y = new Dropout(0.3, 1).forward(ONES).value();
        double dropped = y.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / y.length();
        assertEquals(0.3, dropped, 0.02, "10,000 draws: the standard deviation of the fraction is 0.005");
        double kept = 1 / 0.7;
        INDArray survivors = Transforms.abs(y.sub(kept)).lt(1e-6);
        assertEquals(y.length(), count(y.eq(0)) + count(survivors), "every unit is dropped or scaled by 1 / (1 - p)");
        assertEquals(1, y.meanNumber().doubleValue(), 0.05, "the expected output equals the input");
    }

    private static long count(INDArray bools) {
        return bools.castTo(DataType.INT64).sumNumber().longValue();
    }

    @Test
    void evalModeIsTheIdentity() {
        Dropout dropout = new Dropout(0.5, 1);
        dropout.eval();
        assertSame(ONES, dropout.forward(ONES));
    }

    @Test
    void theSameSeedGivesTheSameMasksAndSuccessiveCallsDiffer() {
        Dropout a = new Dropout(0.5, 9);
        Dropout b = new Dropout(0.5, 9);
        INDArray first = a.forward(ONES).value();
        assertEquals(first, b.forward(ONES).value());
        assertNotEquals(first, a.forward(ONES).value());
    }

    @Test
    void theGradientIsTheMaskAndMatchesFiniteDifferences() {
        // A fresh module with the same seed draws the same mask at every call GradCheck makes.
        assertGradientsMatch("dropout", in -> new Dropout(0.4, 5).forward(in.get(0)), rand(1, 4, 5));
        Tensor x = Tensor.param(Nd4j.ones(DataType.FLOAT, 10, 10));
        INDArray y;
        try (Tape tape = Tape.record()) {
            Tensor out = new Dropout(0.4, 5).forward(x);
            tape.backward(out.sum());
            y = out.value().dup();
        }
        assertEquals(y, x.grad(), "d sum(x * mask) / dx = mask");
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 1));
        assertTrue(e.getMessage().contains("[0, 1)") && e.getMessage().contains("1.0"), e.getMessage());
    }
}
