package jgrad.optim;

import static jgrad.optim.SGDTest.assertMessage;
import static jgrad.optim.SGDTest.param;
import static jgrad.optim.SGDTest.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import jgrad.core.Parameter;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void gradientsAboveTheBoundAreScaledTogetherAndThePreClipNormIsReturned() {
        Parameter a = param(0.0, 0.0);
        Parameter b = param(0.0);
        Parameter none = param(0.0);
        setGrad(a, 3, 4);
        setGrad(b, 12);
        // sqrt(9 + 16 + 144) = 13; the bound 6.5 halves every gradient
        assertEquals(13.0, GradientClipping.clipByGlobalNorm(List.of(a, b, none), 6.5), 1e-12);
        assertArrayEquals(new double[] {1.5, 2}, a.grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {6}, b.grad().toDoubleVector(), 1e-12);
        assertFalse(none.hasGrad(), "a parameter without gradient is left alone");
    }

    @Test
    void gradientsWithinTheBoundAreUnchanged() {
        Parameter a = param(0.0, 0.0);
        setGrad(a, 3, 4);
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(List.of(a), 5.0), 1e-12);
        assertArrayEquals(new double[] {3, 4}, a.grad().toDoubleVector(), 0);
    }

    @Test
    void aNonPositiveBoundIsRefused() {
        assertMessage("maxNorm must be finite and > 0, got 0.0", () -> GradientClipping.clipByGlobalNorm(List.of(param(1.0)), 0));
    }
}
