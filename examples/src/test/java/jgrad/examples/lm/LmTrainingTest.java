package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmTrainingTest {

    @TempDir
    Path dir;

    private final LmCorpus corpus = KneserNeyTest.corpus();
    private final LmCorpus.Examples train = corpus.examples(LmCorpus.Split.TRAIN, 3);
    private final LmCorpus.Examples valid = corpus.examples(LmCorpus.Split.VALID, 3);

    private LmTraining trainer(LmTraining.Method method, double dropout) {
        return trainer(method, dropout, 64);
    }

    private LmTraining trainer(LmTraining.Method method, double dropout, int batchSize) {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(3, 8, 16, false, dropout),
                corpus.vocabulary().size(), corpus.predicted(), 5);
        return new LmTraining(model, new LmTraining.Settings(method, 4, batchSize, method == LmTraining.Method.ADAM ? 0.01 : 0.1,
                0.8, 1e-5, 0.9, 2), train);
    }

    @Test
    void theLogProbabilitiesAreTheLogSoftmaxOfTheNetworksOutputAtEachTarget() {
        NeuralLanguageModel model = trainer(LmTraining.Method.ADAM, 0).model();
        double[] got = LmTraining.logProbabilities(model, valid);
        int n = valid.size();
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        try (LmTraining.Batch batch = LmTraining.batch(valid, all, 0, n);
                jgrad.core.Tape scope = jgrad.core.Tape.noGrad()) {
            org.nd4j.linalg.api.ndarray.INDArray logSoftmax = model.forward(batch.contexts()).logSoftmax(1).value();
            for (int i = 0; i < n; i++) {
                assertEquals(logSoftmax.getDouble(i, valid.targets()[i] - 1), got[i], 1e-5, "example " + i);
            }
        }
    }

    @Test
    void aTinyRunLowersTheValidationPerplexityWithEitherOptimizer() {
        for (LmTraining.Method method : LmTraining.Method.values()) {
            LmTraining trainer = trainer(method, 0.1);
            double start = LmTraining.perplexity(LmTraining.logProbabilities(trainer.model(), valid));
            trainer.trainEpoch(null);
            double first = LmTraining.perplexity(LmTraining.logProbabilities(trainer.model(), valid));
            trainer.trainEpoch(null);
            trainer.trainEpoch(null);
            double third = LmTraining.perplexity(LmTraining.logProbabilities(trainer.model(), valid));
            assertTrue(first < start && third < start / 2, method + ": " + start + " -> " + first + " -> " + third);
            assertEquals(3, trainer.epochsDone());
        }
    }

    @Test
    void aResumedRunComputesWhatAnUninterruptedOneDoes() throws Exception {
        LmTraining whole = trainer(LmTraining.Method.ADAM, 0);
        whole.trainEpoch(null);
        whole.recordValidation(100);
        whole.trainEpoch(null);

        LmTraining first = trainer(LmTraining.Method.ADAM, 0);
        first.trainEpoch(null);
        first.recordValidation(100);
        Path checkpoint = dir.resolve("checkpoint.npz");
        first.save(checkpoint);
        LmTraining resumed = trainer(LmTraining.Method.ADAM, 0);
        resumed.resume(checkpoint);
        assertEquals(1, resumed.epochsDone());
        assertEquals(100, resumed.bestPerplexity());
        resumed.trainEpoch(null);
        assertArrayEquals(LmTraining.logProbabilities(whole.model(), valid), LmTraining.logProbabilities(resumed.model(), valid), 1e-6);
    }

    @Test
    void theRowSparseWordTableTrainsWhatTheDenseOneTrainsWithEitherOptimizer() {
        for (LmTraining.Method method : LmTraining.Method.values()) {
            LmTraining sparse = trainer(method, 0);
            LmTraining dense = trainer(method, 0);
            dense.model().sparseGrad(false);
            assertTrue(sparse.model().namedParameters().get("embedding.weight").usesSparseGrad(), "sparse is the default");
            sparse.trainEpoch(null);
            dense.trainEpoch(null);
            dense.model().namedParameters().forEach((name, p) -> {
                double difference = p.value().sub(sparse.model().namedParameters().get(name).value()).amaxNumber().doubleValue();
                assertTrue(difference < 1e-6, method + ": " + name + " differs by " + difference);
            });
        }
    }

    @Test
    void aRunResumedFromTheMiddleOfAnEpochComputesWhatAnUninterruptedOneDoes() throws Exception {
        LmTraining whole = trainer(LmTraining.Method.SGD, 0);
        LmTraining.EpochResult uninterrupted = whole.trainEpoch(null);

        Path checkpoint = dir.resolve("checkpoint.npz");
        LmTraining first = trainer(LmTraining.Method.SGD, 0);
        first.checkpointEvery(3, checkpoint);
        first.trainEpoch(null); // stands for a run stopped after its last checkpoint: only the file goes on
        LmTraining resumed = trainer(LmTraining.Method.SGD, 0);
        resumed.resume(checkpoint);
        assertEquals(0, resumed.epochsDone());
        int last = (first.stepsPerEpoch() - 1) / 3 * 3; // the last step of the epoch is saved by the caller, with the epoch
        assertTrue(last > 0, "the epoch has " + first.stepsPerEpoch() + " steps");
        assertEquals(last, resumed.stepsIntoEpoch());
        LmTraining.EpochResult rest = resumed.trainEpoch(null);
        assertEquals(uninterrupted.trainLoss(), rest.trainLoss(), 1e-12, "the epoch's mean loss counts the steps before the checkpoint");
        assertEquals(train.size() - last * 64, rest.words());
        assertArrayEquals(LmTraining.logProbabilities(whole.model(), valid), LmTraining.logProbabilities(resumed.model(), valid), 0);
    }

    @Test
    void aMidEpochCheckpointIsRefusedUnderAnotherBatchSizeNamingBoth() throws Exception {
        Path checkpoint = dir.resolve("checkpoint.npz");
        LmTraining first = trainer(LmTraining.Method.SGD, 0);
        first.checkpointEvery(2, checkpoint);
        first.trainEpoch(null);
        LmTraining other = trainer(LmTraining.Method.SGD, 0, 32);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> other.resume(checkpoint));
        int steps = (first.stepsPerEpoch() - 1) / 2 * 2;
        assertTrue(e.getMessage().startsWith("lm train: cannot resume from " + checkpoint + " with --batch-size 32: ")
                && e.getMessage().contains("covered " + steps * 64.0 + " examples")
                && e.getMessage().contains("cover " + steps * 32), e.getMessage());
    }

    @Test
    void earlyStoppingCountsTheEpochsSinceTheBestValidation() {
        LmTraining trainer = trainer(LmTraining.Method.SGD, 0);
        assertTrue(trainer.recordValidation(50));
        assertTrue(!trainer.recordValidation(60));
        assertTrue(!trainer.recordValidation(50));
        assertEquals(2, trainer.epochsWithoutImprovement());
        assertTrue(trainer.recordValidation(40));
        assertEquals(0, trainer.epochsWithoutImprovement());
    }
}
