package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceLevelTrainingTest {

    private static final TagSet TAGS = TagSet.of(TagScheme.UNIVERSAL);

    /** The dev accuracy after training a one-word-window tagger with {@code loss} on the chain corpus. */
    private static double devAccuracy(TaggerLoss loss) {
        BrownCorpus corpus = BrownCorpus.of(ChainCorpus.documents(10, 40, 3));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, new WindowFeaturizer.Options(1, 1, List.of(1)));
        WindowTagger model = new WindowTagger(featurizer, new WindowTagger.Sizes(4, 2, 2, 8), 3, loss);
        List<TaggerTraining.Epoch> epochs = new TaggerTraining(model, new TaggerTraining.Settings(4, 32, 0.2, 0.8, 0.9, 0, 5))
                .run(new WindowBatches(featurizer.extract(train)), new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV))),
                        (epoch, best) -> { });
        return epochs.get(epochs.size() - 1).devAccuracy();
    }

    @Test
    void sentenceLevelTrainingLearnsTagsThatOnlyThePreviousTagTells() {
        double sll = devAccuracy(TaggerLoss.SLL);
        double wll = devAccuracy(TaggerLoss.WLL);
        assertTrue(sll > 0.99, "SLL learns the chain: dev accuracy " + sll);
        assertTrue(wll < 0.6, "WLL sees only 'x' and cannot: dev accuracy " + wll);
    }

    @Test
    void anSllRunResumedFromAMidEpochCheckpointTrainsWhatTheUninterruptedRunTrains(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(6, 12, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(8, 2, 4, 16);
        TaggerTraining.Settings settings = new TaggerTraining.Settings(2, 32, 0.2, 0.8, 0.9, 0.5, 5);
        WindowBatches dev = new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV)));
        WindowBatches batches = new WindowBatches(featurizer.extract(train));

        WindowTagger whole = new WindowTagger(featurizer, sizes, 3, TaggerLoss.SLL);
        int[] firstEpochSteps = {0};
        List<TaggerTraining.Epoch> uninterrupted = new TaggerTraining(whole, settings).run(batches, dev, new TaggerTraining.Listener() {
            private int epoch;

            @Override
            public void epochStarted(int e, long tokens) {
                epoch = e;
            }

            @Override
            public void stepped(int tokens, double loss) {
                firstEpochSteps[0] += epoch == 1 ? 1 : 0;
            }

            @Override
            public void epoch(TaggerTraining.Epoch e, boolean best) {}
        });

        // Checkpoints after every step; the run is stopped (it throws) in the third step of epoch 2.
        java.nio.file.Path checkpoint = dir.resolve("sll-checkpoint.npz");
        TaggerTraining stopped = new TaggerTraining(new WindowTagger(featurizer, sizes, 3, TaggerLoss.SLL), settings)
                .checkpointEvery(1, checkpoint);
        int stopAt = firstEpochSteps[0] + 3;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> stopped.run(batches, dev, TaggerTrainingTest.stopAfter(stopAt)));

        WindowTagger resumed = new WindowTagger(featurizer, sizes, 3, TaggerLoss.SLL);
        TaggerTraining training = new TaggerTraining(resumed, settings);
        training.resume(checkpoint, batches);
        assertEquals(1, training.epochsDone());
        assertEquals(2, training.stepsIntoEpoch());
        List<TaggerTraining.Epoch> rest = training.run(batches, dev, (e, best) -> { });
        whole.namedParameters().forEach((name, p) -> assertEquals(p.value(), resumed.namedParameters().get(name).value(), name));
        assertEquals(uninterrupted.get(1).devAccuracy(), rest.get(0).devAccuracy());
        // The steps' losses before the checkpoint come back from it to float rounding (the parameters exactly).
        assertEquals(uninterrupted.get(1).loss(), rest.get(0).loss(), 1e-7);
    }

    @Test
    void sllStepsCannotBeHandedToAnotherGradientComputer() {
        WindowFeaturizer featurizer = WindowFeaturizer.fit(ToyCorpus.documents(3, 5, 2), TAGS, WindowFeaturizer.Options.defaults());
        TaggerTraining training = new TaggerTraining(new WindowTagger(featurizer, new WindowTagger.Sizes(4, 2, 2, 4), 1, TaggerLoss.SLL),
                new TaggerTraining.Settings(1, 8, 0.1, 1, 0, 0, 1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> training.computeGradientsWith((train, order, from, to, rng) -> 0));
        assertTrue(e.getMessage().contains("SLL"), e.getMessage());
    }

    @Test
    void aWordLevelTaggerHasNoChainAndAnSllOneHasItsTransitionsAmongItsParameters() {
        List<BrownCorpus.Document> train = ToyCorpus.documents(3, 5, 2);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(6, 2, 3, 5);
        WindowTagger wll = new WindowTagger(featurizer, sizes, 9);
        WindowTagger sll = new WindowTagger(featurizer, sizes, 9, TaggerLoss.SLL);
        assertNull(wll.chain());
        assertEquals(TaggerLoss.WLL, wll.loss());
        assertEquals(12 * 12 + 12, sll.parameterCount() - wll.parameterCount());
        assertTrue(sll.namedParameters().containsKey("chain.transitions") && sll.namedParameters().containsKey("chain.start"));
        assertEquals(sll.parameterCount(), WindowTagger.parameterCount(featurizer, sizes, TaggerLoss.SLL));
        // The same seed draws the same network: only the chain is added.
        wll.namedParameters().forEach((name, p) -> assertEquals(p.value(), sll.namedParameters().get(name).value(), name));
    }

    @Test
    void sentenceOrdersKeepEverySentenceWholeAndCoverEveryToken() {
        WindowFeaturizer featurizer = WindowFeaturizer.fit(ToyCorpus.documents(3, 5, 2), TAGS, WindowFeaturizer.Options.defaults());
        TaggedFeatures features = featurizer.extractWords(List.of(List.of("a", "b"), List.of(), List.of("c"), List.of("d", "e", "f")));
        assertArrayEquals(new int[] {2, 1, 3}, features.sentenceLengths(), "the empty sentence has no tokens to cover");
        WindowBatches batches = new WindowBatches(features);
        WindowBatches.SentenceOrder inOrder = batches.sentencesInOrder();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, inOrder.tokens());
        WindowBatches.SentenceOrder shuffled = batches.shuffledSentences(new java.util.Random(4));
        int at = 0;
        int[] starts = {0, 2, 3};
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int length : shuffled.lengths()) {
            int first = shuffled.tokens()[at];
            int sentence = java.util.Arrays.binarySearch(starts, first);
            assertTrue(sentence >= 0, "a sentence starts at its first token: " + first);
            assertEquals(new int[] {2, 1, 3}[sentence], length);
            for (int t = 0; t < length; t++) {
                assertEquals(first + t, shuffled.tokens()[at + t]);
                seen.add(first + t);
            }
            at += length;
        }
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5), seen);
    }
}
