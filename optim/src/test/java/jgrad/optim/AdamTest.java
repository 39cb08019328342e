package jgrad.optim;

import static jgrad.optim.SGDTest.assertMessage;
import static jgrad.optim.SGDTest.assertValues;
import static jgrad.optim.SGDTest.param;
import static jgrad.optim.SGDTest.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import org.junit.jupiter.api.Test;

/** Adam's update, bias correction included, pinned with numbers computed by hand (float64). */
class AdamTest {

    static final double[][] GRADIENTS = {{0.5, 0.25}, {-1.0, 0.5}, {0.2, -0.3}};

    /** Runs three steps of lr 0.1 from w = (1, -2), checking w after each against {@code expected}. */
    static void assertSteps(Optimizer optimizer, Parameter w, double[][] expected) {
        for (int t = 0; t < 3; t++) {
            optimizer.zeroGrad();
            setGrad(w, GRADIENTS[t]);
            optimizer.step();
            assertValues(expected[t], w);
        }
    }

    @Test
    void firstStepsMatchHandComputedValues() {
        Parameter w = param(1.0, -2.0);
        Adam adam = Adam.builder(List.of(w), 0.1).build();
        assertSteps(adam, w, new double[][] {
            // t = 1: m = 0.1 g, v = 0.001 g^2; corrected, m / sqrt(v) = g / |g|:
            // w -= 0.1 * 0.5 / (0.5 + 1e-8) = 0.099999998, and 0.1 * 0.25 / (0.25 + 1e-8) = 0.099999996
            {0.900000002, -2.099999996},
            // t = 2: m = (-0.055, 0.0725), v = (0.00124975, 0.0003124375)
            // w -= (0.1 / 0.19) * m / (sqrt(v) / sqrt(0.001999) + 1e-8)
            {0.9366103542405654, -2.1965181961408047},
            {0.9532121057371115, -2.232028361266656}});
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> state = adam.state(Map.of("w", w));
        assertArrayEquals(new double[] {-0.02949999999999999, 0.03525}, state.get("m/w").toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0.001288500250000001, 0.0004021250625000003}, state.get("v/w").toDoubleVector(), 1e-15);
    }

    @Test
    void l2DecayIsAddedToTheGradientBeforeTheMoments() {
        Parameter w = param(1.0, -2.0);
        Adam adam = Adam.builder(List.of(w), 0.1).weightDecay(0.1).build();
        assertSteps(adam, w, new double[][] {
            // t = 1: g = (0.5 + 0.1, 0.25 - 0.2) = (0.6, 0.05); w -= 0.1 * g / (|g| + 1e-8)
            {0.9000000016666666, -2.099999980000004},
            {0.9252635194456061, -2.1847119740372833},
            {0.9275558739743743, -2.1614597559535436}});
    }

    @Test
    void biasCorrectionCountsOnlyTheStepsInWhichAParameterHadAGradient() {
        Parameter w = param(1.0, -2.0);
        Parameter late = param(1.0, -2.0);
        Adam adam = Adam.builder(List.of(w, late), 0.1).build();
        setGrad(w, 0.5, 0.25);
        adam.step();
        adam.zeroGrad();
        assertValues(new double[] {1.0, -2.0}, late);
        setGrad(w, 0.5, 0.25);
        setGrad(late, 0.5, 0.25);
        adam.step();
        // the late parameter's first update is a first step (t = 1), as in firstStepsMatchHandComputedValues
        assertValues(new double[] {0.900000002, -2.099999996}, late);
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        Parameter w = param(1.0);
        assertMessage("Adam: learning rate must be finite and >= 0, got NaN", () -> Adam.builder(List.of(w), Double.NaN).build());
        assertMessage("Adam: betas must be in [0, 1), got (0.9, 1.0)", () -> Adam.builder(List.of(w), 0.1).betas(0.9, 1.0));
        assertMessage("Adam: epsilon must be finite and > 0, got 0.0", () -> Adam.builder(List.of(w), 0.1).epsilon(0));
    }
}
