package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveWidthTest {

    /** Runs calls on a timing whose kernel takes {@code narrow} ns at one thread and {@code wide} at the wide count. */
    private static int[] run(AdaptiveWidth.Timing timing, int calls, long narrow, long wide) {
        int[] used = new int[2];
        for (int i = 0; i < calls; i++) {
            int width = timing.next();
            used[width]++;
            timing.record(width, width == 0 ? narrow : wide);
        }
        return used;
    }

    @Test
    void theFirstCallsAlternateTheWidths() {
        AdaptiveWidth.Timing timing = new AdaptiveWidth.Timing();

        int[] used = run(timing, AdaptiveWidth.SEED_CALLS, 100, 100);

        assertEquals(2, used[0]);
        assertEquals(2, used[1]);
    }

    @Test
    void aFasterWideKernelRunsWideExceptForOneTryInThirtyTwo() {
        AdaptiveWidth.Timing timing = new AdaptiveWidth.Timing();
        run(timing, AdaptiveWidth.SEED_CALLS, 1_000, 700);

        int[] used = run(timing, 320, 1_000, 700);

        assertEquals(10, used[0]);
        assertEquals(310, used[1]);
        assertEquals(1, timing.preferred());
    }

    @Test
    void whenANeighbourSlowsTheWideKernelTheChoiceMovesToOneThreadWithinAFewTries() {
        AdaptiveWidth.Timing timing = new AdaptiveWidth.Timing();
        run(timing, 100, 1_000, 700);

        run(timing, 4 * AdaptiveWidth.EXPLORE_EVERY, 1_000, 3_000);

        assertEquals(0, timing.preferred());
        int[] used = run(timing, 320, 1_000, 3_000);
        assertEquals(310, used[0]);
    }

    @Test
    void theSetUpOfAShapesFirstCallDoesNotCount() {
        AdaptiveWidth.Timing timing = new AdaptiveWidth.Timing();
        timing.record(timing.next(), 50_000); // one thread, first call: includes oneDNN's set-up
        timing.record(timing.next(), 50_000); // wide, first call
        timing.record(timing.next(), 1_000);
        timing.record(timing.next(), 700);

        assertEquals(1, timing.preferred());
    }
}
