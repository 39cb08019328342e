package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.examples.ReplicaCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class WindowTaggerTest {

    private final WindowFeaturizer featurizer = WindowFeaturizer.fit(ToyCorpus.documents(2, 5, 1),
            TagSet.of(TagScheme.REDUCED), WindowFeaturizer.Options.defaults());
    private final WindowTagger model = new WindowTagger(featurizer, new WindowTagger.Sizes(6, 2, 3, 7), 4);

    @Test
    void idsOfAWindowBatchGiveOneScorePerTag() {
        WindowBatches.Batch batch = new WindowBatches(featurizer.extract(ToyCorpus.documents(1, 2, 5))).batch(0, 3);
        try (Tape scope = Tape.noGrad()) {
            assertArrayEquals(new long[] {3, featurizer.tags().size()}, model.forward(batch.ids()).shape());
        }
    }

    @Test
    void eachFeatureHasItsOwnTableAndTheHiddenLayerSeesTheWholeWindow() {
        assertEquals(List.of("words.weight", "caps.weight", "suffix0.weight", "suffix1.weight", "mlp.0.weight", "mlp.0.bias",
                "mlp.2.weight", "mlp.2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertArrayEquals(new long[] {featurizer.words().size(), 6}, model.namedParameters().get("words.weight").shape());
        assertArrayEquals(new long[] {5 * (6 + 2 + 2 * 3), 7}, model.namedParameters().get("mlp.0.weight").shape());
    }

    @Test
    void idsOfTheWrongShapeAreRejectedWithTheExpectedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.INT, 3, 5)));
        assertTrue(e.getMessage().contains("[batch, 4, 5]"), e.getMessage());
    }

    @Test
    void replicasReadTheModelsValuesInPlaceWithAChainAndTrainAsOneTapeWithCharacters() {
        WindowTagger.Sizes withCharacters = new WindowTagger.Sizes(6, 2, 3, 7, new WindowTagger.Characters(4, 5, 3));
        ReplicaCheck.assertTheReplicaReadsTheModelsValuesInPlace(new WindowTagger(featurizer, withCharacters, 4, TaggerLoss.SLL));
        WindowBatches windows = new WindowBatches(featurizer.extract(ToyCorpus.documents(1, 2, 5)), true);
        // Float32 only: the shares' gradients are summed in another order than the single tape's.
        ReplicaCheck.assertReplicasGiveTheSingleTapesGradients(() -> new WindowTagger(featurizer, withCharacters, 4), 7,
                (model, from, to) -> {
                    WindowBatches.Batch batch = windows.batch(from, to);
                    return Ops.crossEntropy(model.forward(batch), batch.labels());
                }, 1e-6);
    }
}
