package jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptionCheckTest {

    @Test
    void aValueInsideItsRangeIsReturnedAsGiven() {
        assertEquals(3, OptionCheck.atLeast("--epochs", 3, 1));
        assertEquals(4L, OptionCheck.inRange("--threads", 4, 1, 8, ""));
        assertEquals(0.5, OptionCheck.positive("--lr", 0.5));
        assertEquals(0.0, OptionCheck.nonNegative("--weight-decay", 0.0));
        assertEquals(0.0, OptionCheck.inRange("--dropout", 0.0, 0.0, 1.0, false));
        assertEquals(1.0, OptionCheck.inRange("--rare-dropout", 1.0, 0.0, 1.0, true));
        assertEquals(1.0, OptionCheck.aboveAtMost("--lr-decay", 1.0, 0.0, 1.0));
    }

    @Test
    void anIntegerBelowItsMinimumNamesTheOptionTheValueAndTheMinimum() {
        var e = assertThrows(BadOptionException.class, () -> OptionCheck.atLeast("--epochs", 0, 1));
        assertEquals("--epochs 0: expected at least 1", e.getMessage());
    }

    @Test
    void aRangeErrorGivesItsReasonOnlyWhenThereIsOne() {
        var withReason = assertThrows(BadOptionException.class,
                () -> OptionCheck.inRange("--batch-size", 70000, 1, 60000, "the training set's size"));
        assertEquals("--batch-size 70000: expected 1 to 60000 (the training set's size)", withReason.getMessage());
        var without = assertThrows(BadOptionException.class, () -> OptionCheck.inRange("--threads", 0, 1, 8, ""));
        assertEquals("--threads 0: expected 1 to 8", without.getMessage());
    }

    @Test
    void notANumberAndInfinityAreRefusedByEveryRealCheck() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(BadOptionException.class, () -> OptionCheck.positive("--lr", bad));
            assertThrows(BadOptionException.class, () -> OptionCheck.nonNegative("--l2", bad));
            assertThrows(BadOptionException.class, () -> OptionCheck.inRange("--dropout", bad, 0, 1, true));
            assertThrows(BadOptionException.class, () -> OptionCheck.aboveAtMost("--lr-decay", bad, 0, 1));
        }
        assertEquals("--lr NaN: expected a positive finite number",
                assertThrows(BadOptionException.class, () -> OptionCheck.positive("--lr", Double.NaN)).getMessage());
    }

    @Test
    void theBoundsAreOpenOrClosedAsTheirNamesSay() {
        assertThrows(BadOptionException.class, () -> OptionCheck.positive("--lr", 0.0));
        assertThrows(BadOptionException.class, () -> OptionCheck.nonNegative("--l2", -1e-9));
        var open = assertThrows(BadOptionException.class, () -> OptionCheck.inRange("--dropout", 1.0, 0, 1, false));
        assertEquals("--dropout 1: expected 0 <= value < 1", open.getMessage());
        var above = assertThrows(BadOptionException.class, () -> OptionCheck.aboveAtMost("--lr-decay", 0.0, 0, 1));
        assertEquals("--lr-decay 0: expected 0 < value <= 1", above.getMessage());
    }

    @Test
    void aFractionIsShownInFullAndAWholeNumberWithoutItsPoint() {
        assertEquals("--lr -0.25: expected a positive finite number",
                assertThrows(BadOptionException.class, () -> OptionCheck.positive("--lr", -0.25)).getMessage());
        assertEquals("--momentum 2: expected 0 <= value < 1",
                assertThrows(BadOptionException.class, () -> OptionCheck.inRange("--momentum", 2.0, 0, 1, false)).getMessage());
    }
}
