package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
