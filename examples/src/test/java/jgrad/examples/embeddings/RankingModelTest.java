package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jgrad.core.GradCheck;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.examples.ReplicaCheck;
import jgrad.layers.Dense;
import jgrad.layers.Embedding;
import jgrad.layers.HardTanh;
import jgrad.layers.Init;
import jgrad.layers.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RankingModelTest {

    @Test
    void theRankingLossIsTheMeanHingeOfTheScoreMargins() {
        // max(0, 1 - 2 + 0.5) = 0, max(0, 1 - 0.5 + 1) = 1.5, max(0, 1 - 0 + 0) = 1: mean 2.5 / 3.
        Tensor real = Tensor.of(Nd4j.createFromArray(new double[][] {{2}, {0.5}, {0}}));
        Tensor corrupted = Tensor.of(Nd4j.createFromArray(new double[][] {{0.5}, {1}, {0}}));
        assertEquals(2.5 / 3, RankingModel.rankingLoss(real, corrupted).item(), 1e-12);
    }

    @Test
    void theRankingLossGradientIsMinusOneOverBatchOnTheRealScoresOfViolatedPairsOnly() {
        Tensor real = Tensor.param(Nd4j.createFromArray(new double[][] {{2}, {0.5}}));
        Tensor corrupted = Tensor.param(Nd4j.createFromArray(new double[][] {{0.5}, {1}}));
        try (Tape tape = Tape.record()) {
            tape.backward(RankingModel.rankingLoss(real, corrupted));
        }
        assertArrayEquals(new double[] {0, -0.5}, real.grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5}, corrupted.grad().toDoubleVector(), 1e-12);
    }

    @Test
    void theRankingLossMatchesFiniteDifferencesAwayFromItsKink() {
        INDArray real = Nd4j.createFromArray(new double[][] {{0.3}, {1.7}, {-0.4}, {0.9}});
        INDArray corrupted = Nd4j.createFromArray(new double[][] {{0.1}, {0.2}, {0.5}, {1.2}});
        GradCheck.Result result = GradCheck.check(in -> RankingModel.rankingLoss(in.get(0), in.get(1)), real, corrupted);
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void theLossOfTheWholeWindowNetworkMatchesFiniteDifferencesInFloat64() {
        Random rng = new Random(3);
        RankingModel.Sizes sizes = new RankingModel.Sizes(7, 3, 3, 4);
        Embedding words = new Embedding(7, 3, DataType.DOUBLE, Init.normal(0.5), rng).sparseGrad(true);
        Sequential mlp = new Sequential(new Dense(9, 4, true, DataType.DOUBLE, Init.glorotUniform(), rng), new HardTanh(),
                new Dense(4, 1, true, DataType.DOUBLE, Init.glorotUniform(), rng));
        RankingModel model = new RankingModel(sizes, words, mlp);
        INDArray real = Nd4j.createFromArray(new int[][] {{0, 2, 3}, {2, 3, 4}, {5, 6, 0}});
        INDArray corrupted = Nd4j.createFromArray(new int[][] {{0, 6, 3}, {2, 5, 4}, {5, 2, 0}});
        GradCheck.Result result = GradCheck.check(() -> RankingModel.rankingLoss(model.forward(real), model.forward(corrupted)),
                model.parameters());
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void aWindowOfAnotherWidthIsRefusedWithBothWidths() {
        RankingModel model = new RankingModel(new RankingModel.Sizes(5, 2, 3, 4), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Nd4j.createFromArray(new int[][] {{1, 2, 3, 4, 1}})));
        assertTrue(e.getMessage().contains("expected ids [batch, 3], got [1, 5]"), e.getMessage());
    }

    @Test
    void replicasReadTheModelsValuesInPlaceAndTrainAsOneTape() {
        RankingModel.Sizes sizes = new RankingModel.Sizes(7, 3, 3, 4);
        INDArray real = Nd4j.createFromArray(new int[][] {{0, 2, 3}, {2, 3, 4}, {5, 6, 0}, {3, 4, 5}, {1, 1, 2}});
        INDArray corrupted = Nd4j.createFromArray(new int[][] {{0, 6, 3}, {2, 5, 4}, {5, 2, 0}, {3, 1, 5}, {1, 6, 2}});
        ReplicaCheck.assertTheReplicaReadsTheModelsValuesInPlace(new RankingModel(sizes, 1));
        ReplicaCheck.assertReplicasGiveTheSingleTapesGradients(() -> {
            Random rng = new Random(3);
            return new RankingModel(sizes, new Embedding(7, 3, DataType.DOUBLE, Init.normal(0.5), rng).sparseGrad(true),
                    new Sequential(new Dense(9, 4, true, DataType.DOUBLE, Init.glorotUniform(), rng), new HardTanh(),
                            new Dense(4, 1, true, DataType.DOUBLE, Init.glorotUniform(), rng)));
        }, 5, (model, from, to) -> RankingModel.rankingLoss(model.forward(rows(real, from, to)), model.forward(rows(corrupted, from, to))),
                1e-12);
    }

    private static INDArray rows(INDArray ids, int from, int to) {
        return ids.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
