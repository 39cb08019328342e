package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.core.GradCheck;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.examples.ReplicaCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NeuralLanguageModelTest {

    private static final INDArray CONTEXTS = Nd4j.createFromArray(new int[][] {{0, 0, 3}, {3, 4, 1}, {5, 5, 2}});
    private static final INDArray CLASSES = Nd4j.createFromArray(2L, 0L, 4L);

    @Test
    void theGradientWithDirectConnectionsMatchesFiniteDifferences() {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(4, 3, 5, true, 0), 7, 6,
                DataType.DOUBLE, 11);
        GradCheck.Result result = GradCheck.check(() -> Ops.crossEntropy(model.forward(CONTEXTS), CLASSES), model.parameters());
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void theGradientWithoutDirectConnectionsMatchesFiniteDifferences() {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(4, 3, 5, false, 0), 7, 6,
                DataType.DOUBLE, 12);
        GradCheck.Result result = GradCheck.check(() -> Ops.crossEntropy(model.forward(CONTEXTS), CLASSES), model.parameters());
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void directConnectionsWidenTheOutputLayerOverTheWordVectors() {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(4, 3, 5, true, 0.2), 7, 6, 1);
        assertEquals(List.of("embedding.weight", "hidden.weight", "hidden.bias", "output.weight", "output.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertArrayEquals(new long[] {7, 3}, model.namedParameters().get("embedding.weight").shape());
        assertArrayEquals(new long[] {5 + 3 * 3, 6}, model.namedParameters().get("output.weight").shape());
        try (Tape scope = Tape.noGrad()) {
            model.eval();
            assertArrayEquals(new long[] {3, 6}, model.forward(CONTEXTS).shape());
        }
    }

    @Test
    void contextsOfTheWrongWidthAreRejectedWithTheExpectedShape() {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(5, 3, 5, false, 0), 7, 6, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(CONTEXTS));
        assertTrue(e.getMessage().contains("[batch, 4]"), e.getMessage());
    }

    @Test
    void replicasReadTheModelsValuesInPlaceAndTrainAsOneTape() {
        NeuralLanguageModel.Sizes sizes = new NeuralLanguageModel.Sizes(4, 3, 5, true, 0);
        ReplicaCheck.assertTheReplicaReadsTheModelsValuesInPlace(new NeuralLanguageModel(
                new NeuralLanguageModel.Sizes(4, 3, 5, true, 0.2), 7, 6, 1));
        ReplicaCheck.assertReplicasGiveTheSingleTapesGradients(() -> new NeuralLanguageModel(sizes, 7, 6, DataType.DOUBLE, 11),
                3, (model, from, to) -> Ops.crossEntropy(
                        model.forward(CONTEXTS.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())),
                        CLASSES.get(NDArrayIndex.interval(from, to))), 1e-12);
    }
}
