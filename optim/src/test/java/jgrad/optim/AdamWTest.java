package jgrad.optim;

import static jgrad.optim.AdamTest.assertSteps;
import static jgrad.optim.SGDTest.assertValues;
import static jgrad.optim.SGDTest.param;
import static jgrad.optim.SGDTest.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jgrad.core.Parameter;
import org.junit.jupiter.api.Test;

/** AdamW's decoupled decay, pinned with numbers computed by hand (float64). */
class AdamWTest {

    @Test
    void decoupledDecayShrinksTheWeightsBeforeTheAdamStep() {
        Parameter w = param(1.0, -2.0);
        AdamW adamw = AdamW.builder(List.of(w), 0.1).weightDecay(0.1).build();
        assertSteps(adamw, w, new double[][] {
            // t = 1: w *= 1 - 0.1 * 0.1 -> (0.99, -1.98); then the Adam step of the plain gradient,
            // 0.099999998 and 0.099999996 as in AdamTest
            {0.890000002, -2.079999996},
            {0.9177103542205653, -2.1557181961808047},
            {0.9251350021749057, -2.169671179344848}});
    }

    @Test
    void parametersLeftOutOfTheDecayTakeThePlainAdamStep() {
        Parameter w = param(1.0, -2.0);
        Parameter bias = param(1.0, -2.0);
        AdamW adamw = AdamW.builder(List.of(w, bias), 0.1).weightDecay(0.1, List.of(w)).build();
        setGrad(w, 0.5, 0.25);
        setGrad(bias, 0.5, 0.25);
        adamw.step();
        assertValues(new double[] {0.890000002, -2.079999996}, w);
        assertValues(new double[] {0.900000002, -2.099999996}, bias);
    }

    @Test
    void defaultDecayIsPyTorchs() {
        assertEquals(0.01, AdamW.builder(List.of(param(1.0)), 0.1).build().weightDecay());
    }
}
