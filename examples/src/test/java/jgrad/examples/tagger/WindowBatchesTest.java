package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowBatchesTest {

    private static final List<BrownCorpus.Document> TRAIN = List.of(WindowFeaturizerTest.doc("ca02",
            "The/at cat/nn sat/vbd on/in the/at mat/nn ./.", "The/at cat/nn ran/vbd ./."));

    private final WindowFeaturizer featurizer = WindowFeaturizer.fit(TRAIN, TagSet.of(TagScheme.UNIVERSAL),
            WindowFeaturizer.Options.defaults());
    private final TaggedFeatures features = featurizer.extract(TRAIN);

    @Test
    void aBatchPacksWordsCapsAndSuffixesOfEachTokenInOrder() {
        WindowBatches.Batch batch = new WindowBatches(features).batch(new int[] {3, 0}, 0, 2, null);
        assertArrayEquals(new long[] {2, 4, 5}, batch.ids().shape());
        for (int b = 0; b < 2; b++) {
            int token = b == 0 ? 3 : 0;
            assertArrayEquals(row(features.words(), token), ids(batch, b, 0));
            assertArrayEquals(row(features.caps(), token), ids(batch, b, 1));
            assertArrayEquals(row(features.suffixes().get(0), token), ids(batch, b, 2));
            assertArrayEquals(row(features.suffixes().get(1), token), ids(batch, b, 3));
            assertEquals(features.tags().getInt(token), batch.labels().getInt(b));
        }
    }

    @Test
    void rareDropoutReplacesOnlyWordsAndSuffixesSeenOnce() {
        WindowBatches batches = new WindowBatches(features).rareDropout(1.0);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        WindowBatches.Batch batch = batches.batch(all, 0, all.length, new Random(1));
        int sat = featurizer.words().id("sat");
        int cat = featurizer.words().id("cat");
        // token 2 is "sat", seen once: unknown at its own position and in its neighbours' windows.
        assertEquals(Vocabulary.UNKNOWN, batch.ids().getInt(2, 0, 2));
        assertEquals(Vocabulary.UNKNOWN, batch.ids().getInt(1, 0, 3));
        assertEquals(cat, batch.ids().getInt(2, 0, 1)); // "cat" is seen twice and stays
        assertNotEquals(sat, Vocabulary.UNKNOWN);
        assertArrayEquals(row(features.caps(), 2), ids(batch, 2, 1)); // capitalization is never dropped
        WindowBatches.Batch evaluation = batches.batch(0, all.length);
        assertEquals(sat, evaluation.ids().getInt(2, 0, 2)); // no dropout without a generator
    }

    @Test
    void anEmptyRangeIsRejected() {
        WindowBatches batches = new WindowBatches(features);
        assertThrows(IllegalArgumentException.class, () -> batches.batch(new int[] {0, 1}, 1, 1, null));
    }

    @Test
    void aShuffledOrderIsAPermutation() {
        int[] order = new WindowBatches(features).shuffledOrder(new Random(3));
        int[] sorted = order.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, sorted);
    }

    private static int[] row(org.nd4j.linalg.api.ndarray.INDArray matrix, int row) {
        return matrix.getRow(row).toIntVector();
    }

    private static int[] ids(WindowBatches.Batch batch, int b, int kind) {
        int[] out = new int[(int) batch.ids().size(2)];
        for (int j = 0; j < out.length; j++) {
            out[j] = batch.ids().getInt(b, kind, j);
        }
        return out;
    }

    @Test
    void aSentenceOrderIsReadBackFromItsTokenRows() {
        WindowBatches batches = new WindowBatches(features); // sentences of rows 0 ... 6 and 7 ... 10
        int[] tokens = {7, 8, 9, 10, 0, 1, 2, 3, 4, 5, 6};

        WindowBatches.SentenceOrder order = batches.sentenceOrder(tokens);

        assertArrayEquals(tokens, order.tokens());
        assertArrayEquals(new int[] {4, 7}, order.lengths());
    }

    @Test
    void aSentenceOrderWhoseRowDoesNotStartASentenceIsRefusedNamingRowAndPlace() {
        WindowBatches batches = new WindowBatches(features);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.sentenceOrder(new int[] {7, 8, 9, 10, 1, 0, 2, 3, 4, 5, 6}));

        assertEquals("WindowBatches: row 1 at 4 of the order does not start a sentence; expected whole sentences one after another",
                e.getMessage());
    }

    @Test
    void aSentenceOrderOfBrokenSentencesIsRefusedAsNotWholeSentences() {
        WindowBatches batches = new WindowBatches(features);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.sentenceOrder(new int[] {7, 9, 8, 10, 0, 1, 2, 3, 4, 5, 6}));

        assertEquals("WindowBatches: the order of 11 rows is not whole sentences of these 11 tokens, one after another", e.getMessage());
    }

    @Test
    void aSentenceOrderWithASentenceTwiceIsRefused() {
        WindowBatches batches = new WindowBatches(features);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.sentenceOrder(new int[] {7, 8, 9, 10, 7, 8, 9, 10, 0, 1, 2}));

        assertEquals("WindowBatches: row 7 at 4 of the order starts sentence 1 a second time; expected each sentence once", e.getMessage());
    }
}
