package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerCheckpointTest {

    @Test
    void aSavedTaggerLoadsWithTheSameParametersAndPredictions(@TempDir Path dir) throws Exception {
        List<BrownCorpus.Document> train = ToyCorpus.documents(3, 5, 2);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(6, 2, 3, 5);
        WindowTagger model = new WindowTagger(featurizer, sizes, 9);
        TaggerCheckpoint.save(dir, featurizer, sizes, model, Map.of("epoch", 3));

        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(dir);
        assertEquals(3, loaded.info().get("epoch").asInt());
        assertEquals(model.namedParameters().keySet(), loaded.model().namedParameters().keySet());
        model.namedParameters().forEach((name, p) -> assertEquals(p.value(), loaded.model().namedParameters().get(name).value(), name));
        WindowBatches batches = new WindowBatches(featurizer.extract(train));
        assertArrayEquals(TaggerTraining.predict(model, batches),
                TaggerTraining.predict(loaded.model(), new WindowBatches(loaded.featurizer().extract(train))));
    }

    @Test
    void aDirectoryWithoutAModelIsReportedByName(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerCheckpoint.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("tagger train"), e.getMessage());
    }
}
