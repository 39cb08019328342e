package jgrad.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses, for each large kernel (by name and shape), between one OpenMP thread and the wide count, by
 * timing both as they run: both cores when they are free, one when another process holds a core.
 *
 * <p>Why by measurement: a second thread makes a 5x5 convolution about 1.4x faster on an idle 2-core
 * machine and 1.8-4x slower when another process is busy on one core (a parallel region is only as fast
 * as its slowest thread, and the one sharing a core with the neighbour gets half of it at best), and
 * nothing inside the process can tell which machine it is on without trying. Each kernel first runs
 * twice at each width; from then on it runs at the width with the lower smoothed time, and every
 * {@value #EXPLORE_EVERY}th call tries the other one, so a neighbour that comes or goes is noticed within
 * that many calls, at a cost of at most one slow call in {@value #EXPLORE_EVERY}.
 *
 * <p>One instance per thread (the kernels of one thread run one at a time); not thread-safe.
 */
final class AdaptiveWidth {

    /** Calls between two tries of the width not in use. */
    static final int EXPLORE_EVERY = 32;
    /** Calls at the start that alternate the widths, two each. */
    static final int SEED_CALLS = 4;
    /** Weight of the newest time in the smoothed time of a width. */
    static final double SMOOTHING = 0.3;

    /** The smoothed nanoseconds of one kernel and shape at each width (0: one thread, 1: wide). */
    static final class Timing {
        final double[] nanos = {Double.NaN, Double.NaN};
        long calls;

        /** Which width the next call uses. */
        int next() {
            if (calls < SEED_CALLS) {
                return (int) (calls % 2);
            }
            int best = nanos[1] < nanos[0] ? 1 : 0;
            return calls % EXPLORE_EVERY == 0 ? 1 - best : best;
        }

        /** Records the time of a call at a width. */
        void record(int width, long elapsed) {
            double previous = nanos[width];
            if (calls < SEED_CALLS) {
                // The first call of a shape also pays its set-up: keep the faster of the seeding calls.
                nanos[width] = Double.isNaN(previous) ? elapsed : Math.min(previous, elapsed);
            } else {
                nanos[width] = (1 - SMOOTHING) * previous + SMOOTHING * elapsed;
            }
            calls++;
        }

        /** The width in use from now on, for reports: 0 for one thread, 1 for wide. */
        int preferred() {
            return nanos[1] < nanos[0] ? 1 : 0;
        }
    }

    private final Map<Key, Timing> timings = new HashMap<>();

    /** The timing of a kernel at a shape, made on first use. */
    Timing timing(String kernel, long[] shape) {
        return timings.computeIfAbsent(new Key(kernel, shape), key -> new Timing());
    }

    /** Kernels and shapes seen so far whose wide width is preferred, over those seen. */
    int[] preferredWide() {
        int wide = 0;
        for (Timing timing : timings.values()) {
            wide += timing.preferred();
        }
        return new int[] {wide, timings.size()};
    }

    private record Key(String kernel, long[] shape) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.kernel.equals(kernel) && Arrays.equals(key.shape, shape);
        }

        @Override
        public int hashCode() {
            return 31 * kernel.hashCode() + Arrays.hashCode(shape);
        }
    }
}
