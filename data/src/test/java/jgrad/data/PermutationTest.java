package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationTest {

    @Test
    void everyIndexAppearsExactlyOnce() {
        int[] order = Permutation.shuffled(1000, new Random(7));
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(order).sorted().toArray());
        assertFalse(Arrays.equals(IntStream.range(0, 1000).toArray(), order), "the identity is no shuffle");
    }

    @Test
    void theOrderIsTheFisherYatesShuffleOfTheSeed() {
        // Pinned: the PyTorch twin of the tagger replays exactly these draws.
        Random rng = new Random(3);
        int[] expected = {0, 1, 2, 3, 4};
        for (int i = 4; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = expected[i];
            expected[i] = expected[j];
            expected[j] = swap;
        }
        assertArrayEquals(expected, Permutation.shuffled(5, new Random(3)));
        assertArrayEquals(Permutation.shuffled(50, new Random(11)), Permutation.shuffled(50, new Random(11)));
    }

    @Test
    void anyGeneratorCanDrawTheSwapsAsTheDataLoaderDrawsThemFromASplittableRandom() {
        java.util.SplittableRandom draws = new java.util.SplittableRandom(5);
        int[] expected = IntStream.range(0, 9).toArray();
        for (int i = 8; i > 0; i--) {
            int j = draws.nextInt(i + 1);
            int swap = expected[i];
            expected[i] = expected[j];
            expected[j] = swap;
        }
        assertArrayEquals(expected, Permutation.shuffled(9, new java.util.SplittableRandom(5)::nextInt));
    }

    @Test
    void emptyAndSingleOrdersAreFineAndANegativeSizeIsNot() {
        assertEquals(0, Permutation.shuffled(0, new Random(1)).length);
        assertArrayEquals(new int[] {0}, Permutation.shuffled(1, new Random(1)));
        var e = assertThrows(IllegalArgumentException.class, () -> Permutation.shuffled(-2, new Random(1)));
        assertEquals("Permutation.shuffled: n = -2; expected at least 0", e.getMessage());
    }
}
