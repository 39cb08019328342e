package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jgrad.core.Tape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tagger with character features: the network, its batches, its files and its training. */
class CharacterFeaturesTest {

    private static final WindowTagger.Sizes SIZES = new WindowTagger.Sizes(6, 2, 3, 7, new WindowTagger.Characters(4, 5, 3));
    private final List<BrownCorpus.Document> train = ToyCorpus.documents(3, 5, 2);
    private final WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL),
            WindowFeaturizer.Options.defaults());

    @Test
    void eachWindowWordAddsItsCharacterFeaturesToTheHiddenLayersInput() {
        WindowTagger model = new WindowTagger(featurizer, SIZES, 4, TaggerLoss.SLL);
        assertTrue(model.readsCharacters());
        assertArrayEquals(new long[] {5 * (6 + 2 + 2 * 3 + 5), 7}, model.namedParameters().get("mlp.0.weight").shape());
        assertArrayEquals(new long[] {featurizer.characters().size(), 4},
                model.namedParameters().get("characters.characters.weight").shape());
        assertEquals(model.parameterCount(), WindowTagger.parameterCount(featurizer, SIZES, TaggerLoss.SLL));
        try (WindowBatches.Batch batch = new WindowBatches(featurizer.extract(train), true).batch(0, 6);
                Tape scope = Tape.noGrad()) {
            assertArrayEquals(new long[] {6, 12}, model.forward(batch).shape());
        }
    }

    @Test
    void aNetworkWithCharactersRefusesBatchesWithoutThem() {
        WindowTagger model = new WindowTagger(featurizer, SIZES, 4);
        try (WindowBatches.Batch batch = new WindowBatches(featurizer.extract(train)).batch(0, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(batch));
            assertTrue(e.getMessage().contains("new WindowBatches(features, true)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.forward(batch.ids()));
        }
    }

    @Test
    void withoutCharactersTheNetworkIsDrawnAsBeforeThem() {
        WindowTagger.Sizes plain = new WindowTagger.Sizes(6, 2, 3, 7);
        WindowTagger without = new WindowTagger(featurizer, plain, 4);
        WindowTagger with = new WindowTagger(featurizer, SIZES, 4);
        assertFalse(without.readsCharacters());
        assertEquals(without.namedParameters().get("suffix1.weight").value(), with.namedParameters().get("suffix1.weight").value());
    }

    @Test
    void trainingWithCharactersLowersTheLossAndTheSavedModelPredictsTheSame(@TempDir Path dir) throws Exception {
        WindowTagger model = new WindowTagger(featurizer, SIZES, 3, TaggerLoss.SLL);
        WindowBatches batches = new WindowBatches(featurizer.extract(train), true);
        TaggerTraining.Settings settings = new TaggerTraining.Settings(3, 16, 0.2, 0.8, 0.9, 0.5, 5);
        double before = TaggerTraining.evaluate(model, batches).loss();
        new TaggerTraining(model, settings).run(batches, batches, new TaggerTraining.Listener() {
            @Override
            public void epoch(TaggerTraining.Epoch epoch, boolean best) {}
        });
        assertTrue(TaggerTraining.evaluate(model, batches).loss() < before);

        TaggerCheckpoint.save(dir, featurizer, SIZES, model, Map.of());
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(dir);
        assertTrue(loaded.model().readsCharacters());
        assertEquals(featurizer.characters().strings(), loaded.featurizer().characters().strings());
        assertArrayEquals(TaggerTraining.predict(model, batches),
                TaggerTraining.predict(loaded.model(), new WindowBatches(loaded.featurizer().extract(train), true)));
    }

    @Test
    void aModelSavedBeforeCharacterFeaturesLoadsWithout(@TempDir Path dir) throws Exception {
        WindowTagger.Sizes plain = new WindowTagger.Sizes(6, 2, 3, 5);
        TaggerCheckpoint.save(dir, featurizer, plain, new WindowTagger(featurizer, plain, 9), Map.of());
        for (String file : List.of(TaggerCheckpoint.MODEL, TaggerCheckpoint.VOCABULARY)) {
            Path path = dir.resolve(file);
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) TaggerCheckpoint.readJson(path);
            json.remove(List.of("charDim", "charFilters", "charWidth", "characters"));
            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(path.toFile(), json);
        }
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(dir);
        assertFalse(loaded.model().readsCharacters());
        assertEquals(2, loaded.featurizer().characters().size(), "padding and unknown only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WindowTagger(loaded.featurizer(), SIZES, 1));
        assertTrue(e.getMessage().contains("knows no characters"), e.getMessage());
    }

    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new picocli.CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    @Test
    void trainingUsesFiftyCharacterFiltersByDefaultNoneUnderSparkAndRefusesThemThere() {
        assertEquals(50, parsed().charFilters());
        assertEquals(0, parsed("--spark", "local[1]").charFilters());
        assertEquals(0, parsed("--char-filters", "0").charFilters());
        jgrad.examples.cli.BadOptionException e = assertThrows(jgrad.examples.cli.BadOptionException.class,
                () -> parsed("--spark", "local[1]", "--loss", "wll", "--char-filters", "8").checkOptions());
        assertTrue(e.getMessage().contains("--char-filters"), e.getMessage());
        assertThrows(jgrad.examples.cli.BadOptionException.class, () -> parsed("--char-window", "4").checkOptions());
    }
}
