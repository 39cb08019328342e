package jgrad.data;

import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Index orders for epochs over examples that live in Java arrays (token windows, sentences) rather than
 * in a {@link Dataset}. The order is a function of the {@link Random}'s state only, so a seeded run
 * visits the same examples in the same order on every machine, and a twin in another language can
 * replay it (the side-by-side benchmark re-implements {@code java.util.Random} to do so).
 */
public final class Permutation {

    private Permutation() {}

    /**
     * 0, 1, ..., n - 1 in an order drawn from {@code rng} by the Fisher-Yates shuffle (from the last
     * position down, swapping with {@code rng.nextInt(i + 1)}).
     */
    public static int[] shuffled(int n, Random rng) {
        return shuffled(n, rng::nextInt);
    }

    /**
     * 0, 1, ..., n - 1 in an order drawn by the Fisher-Yates shuffle from any generator: from the last
     * position i down, swapping with {@code below.applyAsInt(i + 1)}, which must lie in [0, i] (e.g.
     * {@code splittableRandom::nextInt}).
     */
    public static int[] shuffled(int n, IntUnaryOperator below) {
        if (n < 0) {
            throw new IllegalArgumentException("Permutation.shuffled: n = " + n + "; expected at least 0");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = below.applyAsInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
