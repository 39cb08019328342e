package jgrad.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.core.ReplicaChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MnistTrainerTest {

    @TempDir
    Path dir;

    private static MnistTrainer trainer(MnistModel model, int epochs, int batchSize, SmallMnist train, SmallMnist test) {
        MnistTrainer.Settings settings = new MnistTrainer.Settings(model, epochs, batchSize, 0.1, 0.9, 1e-4, 7);
        return new MnistTrainer(settings, train.images(), train.labels(), test.images(), test.labels());
    }

    @Test
    void mlpLossFallsOnAFewHundredImages() {
        SmallMnist train = SmallMnist.of(0, 512);
        SmallMnist test = SmallMnist.of(512, 256);
        MnistTrainer trainer = trainer(MnistModel.MLP, 4, 64, train, test);
        MnistTrainer.Evaluation before = trainer.evaluate();

        MnistTrainer.EpochResult first = trainer.trainEpoch(null);
        MnistTrainer.EpochResult last = null;
        while (trainer.epochsDone() < 4) {
            last = trainer.trainEpoch(null);
        }
        MnistTrainer.Evaluation after = trainer.evaluate();

        String data = train.real() ? "first 512 MNIST images" : "synthetic digits";
        assertTrue(last.trainLoss() < 0.5 * first.trainLoss(), data + ": training loss went from " + first.trainLoss()
                + " to " + last.trainLoss());
        assertTrue(after.loss() < 0.5 * before.loss(), data + ": test loss went from " + before.loss() + " to " + after.loss());
        assertTrue(after.accuracy() > 0.7, data + ": test accuracy " + after.accuracy());
        assertEquals(512, first.samples());
    }

    @Test
    void cnnLossFallsOnAFewHundredImages() {
        SmallMnist train = SmallMnist.of(0, 256);
        SmallMnist test = SmallMnist.of(512, 128);
        MnistTrainer trainer = trainer(MnistModel.CNN, 3, 32, train, test);
        MnistTrainer.Evaluation before = trainer.evaluate();

        while (trainer.epochsDone() < 3) {
            trainer.trainEpoch(null);
        }
        MnistTrainer.Evaluation after = trainer.evaluate();

        assertTrue(after.loss() < 0.7 * before.loss(), "test loss went from " + before.loss() + " to " + after.loss());
    }

    @ParameterizedTest
    @EnumSource(MnistModel.class)
    void resumingFromTheFirstEpochsCheckpointGivesTheParametersOfAnUninterruptedRun(MnistModel model) throws IOException {
        SmallMnist train = SmallMnist.of(0, 200); // 4 batches of 48 and a short one of 8
        SmallMnist test = SmallMnist.of(200, 50);
        MnistTrainer uninterrupted = trainer(model, 2, 48, train, test);
        uninterrupted.trainEpoch(null);
        uninterrupted.trainEpoch(null);

        Path file = dir.resolve("nested").resolve("mnist.npz");
        MnistTrainer interrupted = trainer(model, 2, 48, train, test);
        interrupted.trainEpoch(null);
        interrupted.save(file);
        MnistTrainer resumed = trainer(model, 2, 48, train, test);
        resumed.resume(file);
        assertEquals(1, resumed.epochsDone());
        resumed.trainEpoch(null);

        assertEquals(2, resumed.epochsDone());
        Map<String, Parameter> expected = uninterrupted.model().namedParameters();
        Map<String, Parameter> actual = resumed.model().namedParameters();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, p) -> assertArrayEquals(p.value().data().asFloat(), actual.get(name).value().data().asFloat(),
                name + " differs after resuming"));
        assertEquals(uninterrupted.learningRate(), resumed.learningRate());
    }

    @ParameterizedTest
    @EnumSource(MnistModel.class)
    void twoOrThreeReplicasTrainTheParametersOfOneToFloatRoundingAndTheSameBitsEveryRun(MnistModel model) {
        SmallMnist train = SmallMnist.of(0, 200); // 4 batches of 48 and a short one of 8, which 3 does not divide
        SmallMnist test = SmallMnist.of(200, 50);
        Map<String, float[]> one = trainedWithReplicas(model, 1, train, test);
        for (int n : new int[] {2, 3}) {
            Map<String, float[]> first = trainedWithReplicas(model, n, train, test);
            Map<String, float[]> second = trainedWithReplicas(model, n, train, test);
            one.forEach((name, expected) -> {
                float[] got = first.get(name);
                float scale = 0;
                for (float v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertArrayEquals(expected, got, 1e-4f * scale, name + " with " + n + " replicas");
                assertArrayEquals(got, second.get(name), 0f, name + " with " + n + " replicas, run twice");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(MnistModel.class)
    void byDefaultTheFirstStepMeasuresTheModelsMultiplyAddsPerImage(MnistModel model) {
        SmallMnist data = SmallMnist.of(0, 64);
        try (MnistTrainer trainer = trainer(model, 1, 64, data, data)) {
            assertEquals(jgrad.layers.Replicas.MEASURING, trainer.replicaChoice().source());
            assertTrue(trainer.measuringReplicas());
            trainer.trainEpoch(null);
            // a dense layer's weights; a convolution's weights times its output positions
            long expected = model == MnistModel.MLP ? 784L * 512 + 512 * 256 + 256 * 10
                    : 25L * 20 * (24 * 24) + 25L * 20 * 50 * (8 * 8) + 800L * 500 + 500 * 10;
            assertEquals(expected, trainer.multiplyAddsPerImage());
            assertFalse(trainer.measuringReplicas());
            // Nothing set the count (the source was "measuring"), so the default rule chose it from the first batch.
            assertEquals("default", trainer.replicaChoice().source());
            assertEquals(ReplicaChoice.forBatch(64, expected, trainer.model().parameterCount()).count(), trainer.replicas());
        }
    }

    private static Map<String, float[]> trainedWithReplicas(MnistModel model, int n, SmallMnist train, SmallMnist test) {
        try (MnistTrainer trainer = trainer(model, 1, 48, train, test)) {
            trainer.useReplicas(n);
            assertEquals(n, trainer.replicas());
            trainer.trainEpoch(null);
            Map<String, float[]> values = new java.util.LinkedHashMap<>();
            trainer.model().namedParameters().forEach((name, p) -> values.put(name, p.value().dup().data().asFloat()));
            return values;
        }
    }

    @Test
    void resumingACheckpointOfTheOtherModelFailsAndSaysWhichModelWasAsked() throws IOException {
        SmallMnist data = SmallMnist.synthetic(1, 64);
        Path file = dir.resolve("cnn.npz");
        trainer(MnistModel.CNN, 1, 32, data, data).save(file);
        MnistTrainer mlp = trainer(MnistModel.MLP, 1, 32, data, data);

        IOException e = assertThrows(IOException.class, () -> mlp.resume(file));

        assertTrue(e.getMessage().contains("--model cnn (this run: mlp)"), e.getMessage());
        assertEquals(0, mlp.epochsDone());
    }

    @Test
    void resumingACheckpointOfARunWithMoreEpochsNamesBothEpochCounts() throws IOException {
        SmallMnist data = SmallMnist.synthetic(1, 64);
        Path file = dir.resolve("mlp.npz");
        MnistTrainer three = trainer(MnistModel.MLP, 3, 32, data, data);
        three.trainEpoch(null);
        three.trainEpoch(null);
        three.save(file);

        IOException e = assertThrows(IOException.class, () -> trainer(MnistModel.MLP, 1, 32, data, data).resume(file));

        assertTrue(e.getMessage().contains("--epochs 3 (this run: 1)"), e.getMessage());
    }

    @Test
    void settingsRejectAZeroBatchSizeWithTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MnistTrainer.Settings(MnistModel.MLP, 1, 0, 0.1, 0.9, 1e-4, 1));

        assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
    }

    @Test
    void theWholeRowRangeOfARowMajorBatchIsAViewOfItSoAReplicaShareCopiesNothing() {
        for (long[] shape : new long[][] {{4, 784}, {4, 1, 28, 28}, {4}}) {
            org.nd4j.linalg.api.ndarray.INDArray batch = org.nd4j.linalg.factory.Nd4j.zeros(
                    org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
            org.nd4j.linalg.api.ndarray.INDArray rows = shape.length == 1
                    ? batch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))
                    : batch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all());
            rows.putScalar(rows.length() - 1, 5);
            assertEquals(5, batch.getDouble(batch.length() - 1), java.util.Arrays.toString(shape) + ": a write shows through");
            assertArrayEquals(shape, rows.shape());
        }
    }
}
