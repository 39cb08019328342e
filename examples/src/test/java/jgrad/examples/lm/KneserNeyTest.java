package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KneserNeyTest {

    /** A stream from a small grammar ("the big dog saw a cat ."), so that context tells much of what follows. */
    static LmCorpus corpus() {
        Random rng = new Random(3);
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            List<String> sentence = new ArrayList<>();
            nounPhrase(rng, sentence);
            sentence.add(rng.nextBoolean() ? "saw" : "liked");
            nounPhrase(rng, sentence);
            sentence.add(".");
            sentences.add(sentence);
        }
        sentences.add(List.of("zebra", "zebra")); // rare words: the unknown id
        return LmCorpus.of(sentences, 1500, 300);
    }

    private static void nounPhrase(Random rng, List<String> sentence) {
        sentence.add(rng.nextBoolean() ? "the" : "a");
        if (rng.nextInt(3) == 0) {
            sentence.add(rng.nextBoolean() ? "big" : "red");
        }
        sentence.add(new String[] {"dog", "cat", "idea", "house"}[rng.nextInt(4)]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void probabilitiesSumToOneOverTheVocabularyInSeenAndUnseenContexts(int order) {
        LmCorpus corpus = corpus();
        KneserNey model = KneserNey.fit(corpus.examples(LmCorpus.Split.TRAIN, 5), order, corpus.predicted());
        LmCorpus.Examples test = corpus.examples(LmCorpus.Split.TEST, 5);
        List<int[]> contexts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contexts.add(test.context(i));
        }
        contexts.add(new int[] {0, 0, 0, 0}); // the start of a sentence
        contexts.add(new int[] {1, 1, 1, 1}); // unknown words, as a context never seen
        for (int[] context : contexts) {
            double sum = 0;
            for (int w = 1; w <= corpus.predicted(); w++) {
                double p = model.probability(context, w);
                assertTrue(p > 0, "p(" + w + ") = " + p);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9, "order " + order + ", context " + java.util.Arrays.toString(context));
        }
    }

    @Test
    void theDiscountsFollowChenAndGoodmansEstimateWithinTheirBounds() {
        LmCorpus corpus = corpus();
        KneserNey model = KneserNey.fit(corpus.examples(LmCorpus.Split.TRAIN, 5), 5, corpus.predicted());
        for (int d = 1; d <= 5; d++) {
            double[] discounts = model.discounts(d);
            for (int r = 0; r < 3; r++) {
                assertTrue(discounts[r] >= 0 && discounts[r] <= r + 1, "order " + d + ": " + java.util.Arrays.toString(discounts));
            }
        }
    }

    @Test
    void aLongerContextHelpsOnTextFromTheSameSource() {
        LmCorpus corpus = corpus();
        LmCorpus.Examples train = corpus.examples(LmCorpus.Split.TRAIN, 5);
        LmCorpus.Examples valid = corpus.examples(LmCorpus.Split.VALID, 5);
        double unigram = LmTraining.perplexity(KneserNey.fit(train, 1, corpus.predicted()).logProbabilities(valid));
        double trigram = LmTraining.perplexity(KneserNey.fit(train, 3, corpus.predicted()).logProbabilities(valid));
        assertTrue(unigram < corpus.predicted(), "unigram " + unigram + " below the uniform " + corpus.predicted());
        assertTrue(trigram < unigram / 2, "trigram " + trigram + ", unigram " + unigram);
    }

    @Test
    void aWordOutsideThePredictedIdsIsRejected() {
        LmCorpus corpus = corpus();
        KneserNey model = KneserNey.fit(corpus.examples(LmCorpus.Split.TRAIN, 3), 3, corpus.predicted());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.probability(new int[] {0, 0}, 0));
        assertTrue(e.getMessage().contains("word id 0"), e.getMessage());
    }
}
