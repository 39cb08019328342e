package jgrad.optim;

import static jgrad.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineDecayTest {

    @Test
    void rateFollowsHalfACosineFromPeakToFloor() {
        CosineDecay schedule = new CosineDecay(1.0, 0.0, 10);
        assertEquals(1.0, schedule.learningRate(0), 1e-15);
        // (1 + cos(0.2 pi)) / 2 = (1 + 0.8090169943749475) / 2
        assertEquals(0.9045084971874737, schedule.learningRate(2), 1e-15);
        assertEquals(0.5, schedule.learningRate(5), 1e-15);
        assertEquals(0.0, schedule.learningRate(10), 1e-15);
        assertEquals(0.0, schedule.learningRate(50), 1e-15);
    }

    @Test
    void warmupClimbsLinearlyThenTheCosineStartsAtThePeak() {
        CosineDecay schedule = new CosineDecay(1.0, 0.1, 4, 14);
        assertEquals(0.25, schedule.learningRate(0), 1e-15);
        assertEquals(0.75, schedule.learningRate(2), 1e-15);
        assertEquals(1.0, schedule.learningRate(3), 1e-15);
        assertEquals(1.0, schedule.learningRate(4), 1e-15);
        // halfway through the cosine: 0.1 + 0.9 * 0.5
        assertEquals(0.55, schedule.learningRate(9), 1e-15);
        assertEquals(0.1, schedule.learningRate(14), 1e-15);
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        assertMessage("floor must be in [0, peak = 0.1], got 0.2", () -> new CosineDecay(0.1, 0.2, 10));
        assertMessage("need 0 <= warmup < total, got warmup 10, total 10", () -> new CosineDecay(0.1, 0, 10, 10));
        assertMessage("peak learning rate must be finite and >= 0, got -1.0", () -> new CosineDecay(-1, 0, 10));
    }
}
