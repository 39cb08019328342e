package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.examples.tagger.Vocabulary;
import org.junit.jupiter.api.Test;

class LmCorpusTest {

    /** 3 sentences, 12 tokens: "a" and "b" 4 times each and "c" once in the first 9 (training) tokens. */
    private static final List<List<String>> SENTENCES = List.of(
            List.of("a", "b", "a", "b", "a"),
            List.of("b", "a", "c", "b", "a"),
            List.of("c", "d"));

    @Test
    void theSplitTakesTrainThenValidThenTheRestInStreamOrder() {
        LmCorpus corpus = LmCorpus.of(SENTENCES, 9, 2);
        assertEquals(12, corpus.tokens());
        assertEquals(0, corpus.from(LmCorpus.Split.TRAIN));
        assertEquals(9, corpus.to(LmCorpus.Split.TRAIN));
        assertEquals(9, corpus.from(LmCorpus.Split.VALID));
        assertEquals(11, corpus.to(LmCorpus.Split.VALID));
        assertEquals(1, corpus.examples(LmCorpus.Split.TEST, 3).size());
    }

    @Test
    void wordsSeenThreeTimesOrFewerInTrainingAreTheUnknownWord() {
        LmCorpus corpus = LmCorpus.of(SENTENCES, 9, 2);
        assertEquals(List.of("a", "b"), corpus.vocabulary().known());
        assertEquals(3, corpus.predicted()); // unknown, a, b; the start symbol is never predicted
        assertEquals(Vocabulary.UNKNOWN, corpus.id(7)); // "c"
        assertEquals(1, corpus.unknowns(LmCorpus.Split.VALID)); // "c" again
        assertEquals(1, corpus.unknowns(LmCorpus.Split.TEST)); // "d", never seen in training
        LmCorpus three = LmCorpus.of(SENTENCES, 8, 2); // now "b" has 3 training occurrences
        assertEquals(List.of("a"), three.vocabulary().known());
    }

    @Test
    void theContextIsPaddedAtASentenceStartAndCrossesTheSplitCut() {
        LmCorpus corpus = LmCorpus.of(SENTENCES, 9, 2);
        int a = corpus.vocabulary().id("a");
        int b = corpus.vocabulary().id("b");
        int pad = Vocabulary.PADDING;
        LmCorpus.Examples train = corpus.examples(LmCorpus.Split.TRAIN, 3);
        assertArrayEquals(new int[] {pad, pad}, train.context(0));
        assertArrayEquals(new int[] {pad, a}, train.context(1));
        assertArrayEquals(new int[] {pad, pad}, train.context(5)); // the second sentence starts afresh
        LmCorpus.Examples valid = corpus.examples(LmCorpus.Split.VALID, 3);
        assertEquals(a, valid.targets()[0]); // position 9, mid-sentence
        assertArrayEquals(new int[] {Vocabulary.UNKNOWN, b}, valid.context(0)); // its context is training text
    }

    @Test
    void aSentenceIsReadOnItsOwnFromTheStartSymbol() {
        LmCorpus.Examples examples = LmCorpus.sentence(new int[] {5, 6, 7}, 3);
        assertArrayEquals(new int[] {0, 0}, examples.context(0));
        assertArrayEquals(new int[] {0, 5}, examples.context(1));
        assertArrayEquals(new int[] {5, 6}, examples.context(2));
        assertArrayEquals(new int[] {5, 6, 7}, examples.targets());
    }

    @Test
    void aStreamTooShortForTheSplitIsRejectedWithItsSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmCorpus.of(SENTENCES, 9, 3));
        assertTrue(e.getMessage().contains("12 tokens"), e.getMessage());
    }
}
