package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitTest {

    private static double std(INDArray a) {
        return a.castTo(DataType.DOUBLE).stdNumber().doubleValue();
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Sequential a = new Sequential(new Dense(20, 10, 7), new ReLU(), new Conv2D(1, 2, 3, 1, 0, 8), new Embedding(5, 4, 9));
        Sequential b = new Sequential(new Dense(20, 10, 7), new ReLU(), new Conv2D(1, 2, 3, 1, 0, 8), new Embedding(5, 4, 9));
        Nd4j.getRandom().setSeed(123); // ND4J's global generator plays no part
        a.namedParameters().forEach((name, p) -> assertEquals(p.value(), b.namedParameters().get(name).value(), name));
        assertNotEquals(new Dense(20, 10, 7).weight().value(), new Dense(20, 10, 8).weight().value());
    }

    @Test
    void glorotUniformStaysWithinItsLimit() {
        INDArray w = Init.glorotUniform().create(new Random(1), DataType.FLOAT, 300, 100, 300, 100);
        double limit = Math.sqrt(6.0 / 400);
        assertTrue(w.amaxNumber().doubleValue() <= limit);
        assertEquals(limit / Math.sqrt(3), std(w), 0.02 * limit, "the standard deviation of U(-a, a) is a / sqrt 3");
    }

    @Test
    void heUniformStaysWithinItsLimit() {
        INDArray w = Init.heUniform().create(new Random(1), DataType.DOUBLE, 50, 999, 50, 400);
        double limit = Math.sqrt(6.0 / 50);
        assertTrue(w.amaxNumber().doubleValue() <= limit);
        assertEquals(limit / Math.sqrt(3), std(w), 0.02 * limit);
    }

    @Test
    void normalInitializersHaveTheirStandardDeviation() {
        Random rng = new Random(2);
        assertEquals(Math.sqrt(2.0 / 200), std(Init.heNormal().create(rng, DataType.FLOAT, 200, 10, 200, 100)), 0.003);
        assertEquals(Math.sqrt(2.0 / 300), std(Init.glorotNormal().create(rng, DataType.FLOAT, 200, 100, 200, 100)), 0.003);
        assertEquals(0.5, std(Init.normal(0.5).create(rng, DataType.FLOAT, 0, 0, 100, 100)), 0.01);
    }

    @Test
    void zerosAndConstantsFillEveryElementInTheRequestedType() {
        INDArray z = Init.zeros().create(null, DataType.DOUBLE, 0, 0, 2, 3);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 2, 3), z);
        INDArray c = Init.constant(0.25).create(null, DataType.FLOAT, 0, 0, 4);
        assertEquals(Nd4j.valueArrayOf(new long[] {4}, 0.25f), c);
        assertEquals(DataType.FLOAT, Init.heNormal().create(new Random(1), DataType.FLOAT, 3, 3, 3, 3).dataType());
    }

    @Test
    void anIntegerTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.heNormal().create(new Random(1), DataType.INT32, 3, 3, 3, 3));
        assertTrue(e.getMessage().contains("floating point") && e.getMessage().contains("INT"), e.getMessage());
    }
}
