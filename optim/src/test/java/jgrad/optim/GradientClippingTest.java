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
        // sqrt(9 + 16 + 144) = 13; the bound 6.5 scales every gradient by 6.5 / (13 + 1e-6), about a half
        assertEquals(13.0, GradientClipping.clipByGlobalNorm(List.of(a, b, none), 6.5), 1e-12);
        double factor = 6.5 / 13.000001;
        assertArrayEquals(new double[] {3 * factor, 4 * factor}, a.grad().toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {12 * factor}, b.grad().toDoubleVector(), 1e-15);
        assertFalse(none.hasGrad(), "a parameter without gradient is left alone");
    }

    /** The figures: norm 0.08, max 0.01 leave a norm a relative 1.25e-5 below the bound (dividing by the norm alone left exactly 0.01). */
    @Test
    void theFactorIsMaxNormOverNormPlusOneMillionthAsInPyTorch() {
        Parameter a = param(0.0, 0.0);
        setGrad(a, 0.048, 0.064); // norm 0.08
        GradientClipping.clipByGlobalNorm(List.of(a), 0.01);
        double clippedNorm = Math.hypot(a.grad().getDouble(0), a.grad().getDouble(1));
        assertEquals(0.01 * 0.08 / 0.080001, clippedNorm, 1e-17);
        assertEquals(1.25e-5, (0.01 - clippedNorm) / 0.01, 1e-9);
    }

    @Test
    void aNormJustAboveTheBoundMinusOneMillionthIsScaled() {
        Parameter a = param(0.0);
        setGrad(a, 5.0);
        GradientClipping.clipByGlobalNorm(List.of(a), 5.0); // 5 / (5 + 1e-6) < 1: PyTorch scales here too
        assertEquals(5 * 5 / 5.000001, a.grad().getDouble(0), 1e-15);
    }

    @Test
    void gradientsWithinTheBoundAreUnchanged() {
        Parameter a = param(0.0, 0.0);
        setGrad(a, 3, 4);
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(List.of(a), 5.1), 1e-12);
        assertArrayEquals(new double[] {3, 4}, a.grad().toDoubleVector(), 0);
    }

    @Test
    void aNonPositiveBoundIsRefused() {
        assertMessage("maxNorm must be finite and > 0, got 0.0", () -> GradientClipping.clipByGlobalNorm(List.of(param(1.0)), 0));
    }
}
