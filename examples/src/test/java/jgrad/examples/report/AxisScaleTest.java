package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AxisScaleTest {

    @Test
    void anAccuracyFrom0971To0978GetsTheAxis0970To0980() {
        AxisScale scale = AxisScale.fit(new double[] {0.971, 0.975, 0.978}, 0, 1, 0.005);

        assertEquals(0.970, scale.min(), 1e-12);
        assertEquals(0.980, scale.max(), 1e-12);
        assertEquals(0.002, scale.step(), 1e-12);
        assertEquals("0.000", scale.pattern());
    }

    @Test
    void theAxisStaysWithinItsBoundsAndAroundAConstantSeries() {
        AxisScale accuracy = AxisScale.fit(new double[] {1.0, 1.0}, 0, 1, 0.005);
        AxisScale loss = AxisScale.fit(new double[] {0.01, 0.25, Double.NaN}, 0, Double.POSITIVE_INFINITY, 0.0125);

        assertEquals(1.0, accuracy.max());
        assertTrue(accuracy.min() < 1.0 && accuracy.min() >= 0.99, "min " + accuracy.min());
        assertEquals(0.0, loss.min());
        assertTrue(loss.max() >= 0.25 && loss.max() <= 0.3, "max " + loss.max());
    }

    @Test
    void stepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.002, AxisScale.roundStep(0.0014), 1e-15);
        assertEquals(0.25, AxisScale.roundStep(0.21), 1e-15);
        assertEquals(5, AxisScale.roundStep(4.2), 1e-12);
        assertEquals(10, AxisScale.roundStep(5.5), 1e-12);
        assertEquals(4, AxisScale.decimals(0.0025));
        assertEquals(3, AxisScale.decimals(0.002));
        assertEquals(0, AxisScale.decimals(5));
    }

    @Test
    void noFiniteValueIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AxisScale.fit(new double[] {Double.NaN}, 0, 1, 0.005));

        assertTrue(e.getMessage().contains("no finite value"), e.getMessage());
    }
}
