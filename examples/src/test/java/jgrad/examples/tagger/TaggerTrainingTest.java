package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerTrainingTest {

    private static final TagSet TAGS = TagSet.of(TagScheme.UNIVERSAL);

    @Test
    void aSmallWindowNetworkLearnsTheToyGrammarFarAboveChance() {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(10, 30, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        List<BrownCorpus.Document> dev = corpus.documents(CorpusSplit.DEV);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        WindowTagger model = new WindowTagger(featurizer, new WindowTagger.Sizes(8, 2, 4, 16), 3);
        WindowBatches devBatches = new WindowBatches(featurizer.extract(dev));
        double chance = MostFrequentTag.fit(train, TAGS).accuracy(dev);
        double before = TaggerTraining.accuracy(devBatches.tags(), TaggerTraining.predict(model, devBatches));

        List<TaggerTraining.Epoch> seen = new ArrayList<>();
        List<TaggerTraining.Epoch> epochs = new TaggerTraining(model, new TaggerTraining.Settings(2, 32, 0.2, 0.8, 0.9, 0.5, 5))
                .run(new WindowBatches(featurizer.extract(train)), devBatches, recorder(seen));

        assertEquals(2, epochs.size());
        assertEquals(epochs, seen);
        TaggerTraining.Epoch last = epochs.get(epochs.size() - 1);
        assertTrue(last.loss() < epochs.get(0).loss(), "the training loss falls: " + epochs);
        assertTrue(last.devAccuracy() > 0.97, "dev accuracy " + last.devAccuracy() + " (before training " + before
                + ", most frequent tag per word " + chance + ")");
        assertTrue(before < 0.5, "an untrained network is near chance: " + before);
    }

    @Test
    void sparseAndDenseEmbeddingGradientsTrainTheSameWeights() {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(10, 30, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        List<WindowTagger> models = new ArrayList<>();
        for (boolean sparse : new boolean[] {true, false}) {
            WindowTagger model = new WindowTagger(featurizer, new WindowTagger.Sizes(8, 2, 4, 16), 3).sparseGrad(sparse);
            WindowBatches batches = new WindowBatches(featurizer.extract(train));
            new TaggerTraining(model, new TaggerTraining.Settings(2, 32, 0.2, 0.8, 0.9, 0.5, 5))
                    .run(batches, new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV))), recorder(new ArrayList<>()));
            models.add(model);
        }
        models.get(0).namedParameters().forEach((name, p) -> {
            org.nd4j.linalg.api.ndarray.INDArray dense = models.get(1).namedParameters().get(name).value();
            double difference = p.value().sub(dense).amaxNumber().doubleValue();
            assertTrue(difference < 1e-5, name + " differs by " + difference);
        });
        assertTrue(new WindowTagger(featurizer, new WindowTagger.Sizes(8, 2, 4, 16), 3).namedParameters().get("words.weight")
                .usesSparseGrad(), "sparse is the default");
    }

    @Test
    void aRunResumedFromTheMiddleOfAnEpochTrainsWhatAnUninterruptedOneTrainsRareWordDropoutIncluded(@TempDir Path dir)
            throws Exception {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(6, 12, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(8, 2, 4, 16);
        TaggerTraining.Settings settings = new TaggerTraining.Settings(2, 32, 0.2, 0.8, 0.9, 0.5, 5);
        WindowBatches dev = new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV)));

        WindowTagger whole = new WindowTagger(featurizer, sizes, 3);
        List<TaggerTraining.Epoch> uninterrupted = new TaggerTraining(whole, settings)
                .run(new WindowBatches(featurizer.extract(train)), dev, recorder(new ArrayList<>()));

        // A run that writes a checkpoint every 7 steps stops (throws) in the step after its last one.
        Path checkpoint = dir.resolve("tagger-checkpoint.npz");
        WindowBatches batches = new WindowBatches(featurizer.extract(train));
        int perEpoch = (batches.tokens() + 31) / 32;
        int last = (2 * perEpoch - 1) / 7 * 7;
        assertTrue(last > perEpoch, "the last checkpoint falls inside epoch 2: step " + last + ", " + perEpoch + " a epoch");
        TaggerTraining stopped = new TaggerTraining(new WindowTagger(featurizer, sizes, 3), settings).checkpointEvery(7, checkpoint);
        WindowBatches stoppedBatches = batches;
        assertThrows(IllegalStateException.class, () -> stopped.run(stoppedBatches, dev, stopAfter(last + 1)));

        WindowTagger resumed = new WindowTagger(featurizer, sizes, 3);
        TaggerTraining training = new TaggerTraining(resumed, settings);
        training.resume(checkpoint, batches);
        assertEquals(1, training.epochsDone());
        assertEquals(last - perEpoch, training.stepsIntoEpoch());
        List<TaggerTraining.Epoch> rest = training.run(batches, dev, recorder(new ArrayList<>()));
        assertEquals(1, rest.size());
        assertEquals(uninterrupted.get(1).loss(), rest.get(0).loss(), 1e-12, "the epoch's loss counts the steps before the checkpoint");
        assertEquals(uninterrupted.get(1).devAccuracy(), rest.get(0).devAccuracy());
        whole.namedParameters().forEach((name, p) -> assertEquals(p.value(), resumed.namedParameters().get(name).value(), name));
    }

    @Test
    void aMidEpochCheckpointIsRefusedUnderAnotherBatchSizeNamingBoth(@TempDir Path dir) throws Exception {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(6, 12, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TAGS, WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(8, 2, 4, 16);
        WindowBatches batches = new WindowBatches(featurizer.extract(train));
        WindowBatches dev = new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV)));
        Path checkpoint = dir.resolve("tagger-checkpoint.npz");
        TaggerTraining stopped = new TaggerTraining(new WindowTagger(featurizer, sizes, 3), new TaggerTraining.Settings(1, 32, 0.2, 0.8, 0.9, 0, 5))
                .checkpointEvery(2, checkpoint);
        assertThrows(IllegalStateException.class, () -> stopped.run(batches, dev, stopAfter(3)));

        // Two steps of 16 tokens are still fewer than the steps per epoch: only the tokens done tell.
        TaggerTraining other = new TaggerTraining(new WindowTagger(featurizer, sizes, 3), new TaggerTraining.Settings(1, 16, 0.2, 0.8, 0.9, 0, 5));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> other.resume(checkpoint, batches));
        assertTrue(e.getMessage().contains("--batch-size 16") && e.getMessage().contains("covered 64.0 examples")
                && e.getMessage().contains("cover 32"), e.getMessage());
    }

    /** A listener that stops the run (by throwing) after {@code steps} steps, as a killed process would. */
    static TaggerTraining.Listener stopAfter(int steps) {
        return new TaggerTraining.Listener() {
            private int seen;

            @Override
            public void stepped(int tokens, double loss) {
                if (++seen == steps) {
                    throw new IllegalStateException("stopped");
                }
            }

            @Override
            public void epoch(TaggerTraining.Epoch epoch, boolean best) {}
        };
    }

    @Test
    void accuracyCountsEqualEntriesAndRejectsMismatchedLengths() {
        assertEquals(0.75, TaggerTraining.accuracy(new int[] {1, 2, 3, 4}, new int[] {1, 2, 0, 4}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TaggerTraining.accuracy(new int[] {1}, new int[] {1, 2}));
    }

    @Test
    void settingsOutsideTheirRangesAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaggerTraining.Settings(1, 8, 0.1, 1.5, 0.9, 0.5, 1));
        assertTrue(e.getMessage().contains("decay 1.5"), e.getMessage());
    }

    private static TaggerTraining.Listener recorder(List<TaggerTraining.Epoch> seen) {
        return new TaggerTraining.Listener() {
            @Override
            public void epoch(TaggerTraining.Epoch epoch, boolean best) {
                seen.add(epoch);
            }
        };
    }
}
