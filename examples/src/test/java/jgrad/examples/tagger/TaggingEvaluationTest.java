package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaggingEvaluationTest {

    private final TagSet tags = TagSet.of(TagScheme.UNIVERSAL);
    private final int noun = tags.idOfName("NOUN");
    private final int verb = tags.idOfName("VERB");
    private final int det = tags.idOfName("DET");

    // gold:      NOUN NOUN NOUN VERB VERB DET
    // predicted: NOUN VERB VERB VERB NOUN DET
    // unseen:    no   yes  no   yes  no   no
    private final TaggingEvaluation evaluation = new TaggingEvaluation(tags,
            new int[] {noun, noun, noun, verb, verb, det}, new int[] {noun, verb, verb, verb, noun, det},
            new int[] {0, 1, 0, 1, 0, 0});

    @Test
    void accuracyCountsAllTokensAndUnseenAccuracyOnlyUnseenOnes() {
        assertEquals(3.0 / 6, evaluation.accuracy(), 1e-12);
        assertEquals(2, evaluation.unseenTokens());
        assertEquals(0.5, evaluation.unseenAccuracy(), 1e-12);
    }

    @Test
    void confusionsAreOrderedByCount() {
        assertEquals(List.of(new TaggingEvaluation.Confusion("NOUN", "VERB", 2), new TaggingEvaluation.Confusion("VERB", "NOUN", 1)),
                evaluation.topConfusions(5));
        assertEquals(1, evaluation.topConfusions(1).size());
    }

    @Test
    void precisionAndRecallFollowFromTheConfusionMatrix() {
        Map<String, TaggingEvaluation.TagScore> scores = new java.util.HashMap<>();
        evaluation.tagScores().forEach(s -> scores.put(s.tag(), s));
        assertEquals(3, scores.size()); // tags that never occur are left out
        assertEquals(0.5, scores.get("NOUN").precision(), 1e-12); // 1 right of 2 predicted
        assertEquals(1.0 / 3, scores.get("NOUN").recall(), 1e-12); // 1 right of 3 gold
        assertEquals(1.0 / 3, scores.get("VERB").precision(), 1e-12);
        assertEquals(0.5, scores.get("VERB").recall(), 1e-12);
        assertEquals(1.0, scores.get("DET").precision(), 1e-12);
    }

    @Test
    void theJsonHasTheReportKeys() {
        Map<String, Object> json = evaluation.toJson("test", 10);
        assertEquals(List.of("tagScheme", "split", "tokens", "accuracy", "unseenTokens", "unseenAccuracy", "perTag", "topConfusions"),
                List.copyOf(json.keySet()));
        assertEquals("universal", json.get("tagScheme"));
        assertEquals(6, json.get("tokens"));
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TaggingEvaluation(tags, new int[] {1}, new int[] {1, 2}, new int[] {0}));
    }
}
