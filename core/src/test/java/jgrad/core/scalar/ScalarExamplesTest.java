package jgrad.core.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalarExamplesTest {

    @Test
    void fittingMxPlusBToFiveHalvesTheErrorEachStepAndConverges() {
        double[] errors = ScalarExamples.fitLine(15, 0.1);
        assertEquals(5 - (2 * 4 + 3), errors[0], 1e-15);
        for (int i = 1; i < errors.length; i++) {
            assertEquals(errors[i - 1] / 2, errors[i], 1e-12, "error after step " + i);
        }
        assertEquals(0, errors[15], 6.0 / 32768 + 1e-12); // -6 halved 15 times
        assertTrue(Math.abs(errors[15]) < 2e-4, "m x + b is within 2e-4 of 5");
    }

    @Test
    void aTwoTwoOneSigmoidNetworkLearnsXorFromShuffledSingleExamples() {
        double[] outputs = ScalarExamples.trainXor(7, 5000, 0.5);
        double[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], outputs[i], 0.2, "XOR case " + i);
        }
    }
}
