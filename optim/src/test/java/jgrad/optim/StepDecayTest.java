package jgrad.optim;

import static jgrad.optim.SGDTest.assertMessage;
import static jgrad.optim.SGDTest.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepDecayTest {

    @Test
    void rateHalvesEveryTenEpochs() {
        StepDecay schedule = new StepDecay(0.1, 10, 0.5);
        assertEquals(0.1, schedule.learningRate(0));
        assertEquals(0.1, schedule.learningRate(9));
        assertEquals(0.05, schedule.learningRate(10));
        assertEquals(0.025, schedule.learningRate(25));
    }

    @Test
    void applySetsTheOptimizersLearningRate() {
        SGD sgd = SGD.builder(List.of(param(1.0)), 0.1).build();
        new StepDecay(0.1, 10, 0.5).apply(sgd, 20);
        assertEquals(0.025, sgd.learningRate());
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        assertMessage("period must be > 0, got 0", () -> new StepDecay(0.1, 0, 0.5));
        assertMessage("gamma must be in (0, 1], got 1.5", () -> new StepDecay(0.1, 10, 1.5));
        assertMessage("step must be >= 0, got -1", () -> new StepDecay(0.1, 10, 0.5).learningRate(-1));
    }
}
