package jgrad.examples.tagger;

import static jgrad.examples.tagger.WindowFeaturizerTest.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MostFrequentTagTest {

    private final TagSet tags = TagSet.of(TagScheme.UNIVERSAL);
    private final MostFrequentTag baseline = MostFrequentTag.fit(List.of(
            doc("ca02", "the/at run/nn run/vb run/vb ./.", "a/at run/nn book/nn book/vb ./."),
            doc("ca03", "book/nn ./.")), tags);

    @Test
    void eachWordGetsItsMostFrequentTrainingTag() {
        assertEquals(tags.idOfName("DET"), baseline.predict("the"));
        assertEquals(tags.idOfName("NOUN"), baseline.predict("book")); // NOUN twice, VERB once
    }

    @Test
    void tiesGoToTheLowerTagId() {
        // "run" is NOUN twice and VERB twice; NOUN sorts before VERB.
        assertEquals(tags.idOfName("NOUN"), baseline.predict("run"));
    }

    @Test
    void unseenWordsGetTheMostFrequentTagOfAll() {
        assertFalse(baseline.knows("Run"));
        assertEquals(tags.idOfName("NOUN"), baseline.defaultTag()); // 4 NOUN, 3 VERB, 3 '.', 2 DET
        assertEquals(tags.idOfName("NOUN"), baseline.predict("Run"));
    }

    @Test
    void accuracyIsTheFractionOfTokensTaggedRight() {
        // the: DET right; run: NOUN predicted for VERB, wrong; zebra: NOUN, right; '.': right.
        assertEquals(0.75, baseline.accuracy(List.of(doc("cb01", "the/at run/vb zebra/nn ./."))), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> baseline.accuracy(List.of()));
    }
}
