package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** SGD's update, pinned with numbers computed by hand (float64). */
class SGDTest {

    static Parameter param(double... values) {
        return Tensor.param(Nd4j.createFromArray(values));
    }

    static void setGrad(Parameter p, double... values) {
        p.setGrad(Nd4j.createFromArray(values));
    }

    static void assertValues(double[] expected, Parameter p) {
        assertArrayEquals(expected, p.value().toDoubleVector(), 1e-12);
    }

    @Test
    void classicMomentumWithL2MatchesHandComputedSteps() {
        Parameter w = param(1.0, -2.0);
        Parameter bias = param(3.0);
        SGD sgd = SGD.builder(List.of(w, bias), 0.1).momentum(0.9).weightDecay(0.01, List.of(w)).build();

        setGrad(w, 0.5, 0.25);
        setGrad(bias, 1.0);
        sgd.step();
        sgd.zeroGrad();
        // g = (0.5 + 0.01 * 1, 0.25 + 0.01 * -2) = (0.51, 0.23); v = g; w -= 0.1 * v
        assertValues(new double[] {0.949, -2.023}, w);
        // the bias is not decayed: v = 1, b = 3 - 0.1
        assertValues(new double[] {2.9}, bias);

        setGrad(w, -1.0, 0.5);
        setGrad(bias, 1.0);
        sgd.step();
        // g = (-1 + 0.00949, 0.5 - 0.02023) = (-0.99051, 0.47977)
        // v = 0.9 * (0.51, 0.23) + g = (-0.53151, 0.68677); w -= 0.1 * v
        assertValues(new double[] {1.002151, -2.091677}, w);
        // v = 0.9 * 1 + 1 = 1.9; b = 2.9 - 0.19
        assertValues(new double[] {2.71}, bias);
    }

    @Test
    void nesterovMomentumWithL2MatchesHandComputedSteps() {
        Parameter w = param(1.0, -2.0);
        SGD sgd = SGD.builder(List.of(w), 0.1).momentum(0.9).nesterov(true).weightDecay(0.01).build();

        setGrad(w, 0.5, 0.25);
        sgd.step();
        sgd.zeroGrad();
        // g = (0.51, 0.23); v = g; w -= 0.1 * (g + 0.9 * v) = 0.19 * g = (0.0969, 0.0437)
        assertValues(new double[] {0.9031, -2.0437}, w);

        setGrad(w, -1.0, 0.5);
        sgd.step();
        // g = (-1 + 0.009031, 0.5 - 0.020437) = (-0.990969, 0.479563)
        // v = 0.9 * (0.51, 0.23) + g = (-0.531969, 0.686563)
        // g + 0.9 * v = (-1.4697411, 1.0974697); w -= 0.1 * that
        assertValues(new double[] {1.05007411, -2.15344697}, w);
    }

    @Test
    void plainStepIsLearningRateTimesGradient() {
        Parameter w = param(1.0, -2.0);
        SGD sgd = SGD.builder(List.of(w), 0.5).build();
        setGrad(w, 0.5, 0.25);
        sgd.step();
        assertValues(new double[] {0.75, -2.125}, w);
        assertTrue(sgd.state(java.util.Map.of("w", w)).keySet().stream().noneMatch(k -> k.startsWith("momentum/")),
                "no momentum buffer without momentum");
    }

    @Test
    void aParameterWithoutGradientIsNeitherMovedNorDecayed() {
        Parameter w = param(1.0, -2.0);
        Parameter idle = param(5.0);
        SGD sgd = SGD.builder(List.of(w, idle), 0.1).momentum(0.9).weightDecay(0.5).build();
        setGrad(w, 0.5, 0.25);
        sgd.step();
        assertValues(new double[] {5.0}, idle);
        assertEquals(0, sgd.state(java.util.Map.of("w", w, "idle", idle)).get("step/idle").getLong(0));
        assertEquals(1, sgd.state(java.util.Map.of("w", w, "idle", idle)).get("step/w").getLong(0));
    }

    /**
     * Decay is dense: an embedding table whose gradient touches only the rows of the batch is decayed in
     * every row, every step, as if the decay were applied to the whole table (PyTorch's weight_decay).
     */
    @Test
    void embeddingDecayIsDenseAndMatchesDecayingEveryRow() {
        Parameter table = Tensor.param(Nd4j.ones(DataType.DOUBLE, 4, 2));
        SGD sgd = SGD.builder(List.of(table), 0.5).weightDecay(0.1).build();
        for (int step = 0; step < 3; step++) {
            sgd.zeroGrad();
            table.setGrad(Nd4j.createFromArray(new double[][] {{1, 1}, {0, 0}, {1, 1}, {0, 0}})); // rows 0 and 2 are in the batch
            sgd.step();
        }
        // rows outside the batch: w = 0.95^3 w, since w - 0.5 * 0.1 * w = 0.95 w each step
        double untouched = 0.857375;
        // rows in the batch: w = 0.95 w - 0.5: 1 -> 0.45 -> -0.0725 -> -0.568875
        double touched = -0.568875;
        double[][] expected = {{touched, touched}, {untouched, untouched}, {touched, touched}, {untouched, untouched}};
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(expected[r], table.value().getRow(r).toDoubleVector(), 1e-12, "row " + r);
        }
    }

    @Test
    void float32ParametersAreUpdatedInTheirOwnType() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1f, -2f));
        SGD sgd = SGD.builder(List.of(w), 0.5).momentum(0.5).build();
        w.setGrad(Nd4j.createFromArray(0.5f, 0.25f));
        sgd.step();
        assertArrayEquals(new float[] {0.75f, -2.125f}, w.value().toFloatVector(), 1e-7f);
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        Parameter w = param(1.0);
        assertMessage("learning rate must be finite and >= 0, got -0.1", () -> SGD.builder(List.of(w), -0.1).build());
        assertMessage("momentum must be in [0, 1), got 1.5", () -> SGD.builder(List.of(w), 0.1).momentum(1.5));
        assertMessage("weight decay must be finite and >= 0, got -1.0", () -> SGD.builder(List.of(w), 0.1).weightDecay(-1));
        assertMessage("Nesterov momentum needs momentum > 0", () -> SGD.builder(List.of(w), 0.1).nesterov(true).build());
        assertMessage("no parameters", () -> SGD.builder(List.of(), 0.1).build());
        assertMessage("is listed twice", () -> SGD.builder(List.of(w, w), 0.1).build());
        assertMessage("is not among the parameters being optimized",
                () -> SGD.builder(List.of(w), 0.1).weightDecay(0.1, List.of(param(2.0))).build());
        assertMessage("SGD: parameter #0 is float16[3]; optimizers update float32 or float64 parameters",
                () -> SGD.builder(List.of(Tensor.param(Nd4j.ones(DataType.FLOAT16, 3))), 0.1).build());
        assertMessage("not a dense row-major array",
                () -> SGD.builder(List.of(Tensor.param(Nd4j.ones(DataType.DOUBLE, 3, 3).transpose())), 0.1).build());
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
