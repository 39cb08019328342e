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
    void anSllTaggerLoadsWithItsTransitionsAndDecodesTheSamePaths(@TempDir Path dir) throws Exception {
        List<BrownCorpus.Document> train = ToyCorpus.documents(3, 5, 2);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(6, 2, 3, 5);
        WindowTagger model = new WindowTagger(featurizer, sizes, 9, TaggerLoss.SLL);
        model.chain().transitions().value().assign(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 12, 12).muli(3));
        model.chain().start().value().assign(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 12));
        TaggerCheckpoint.save(dir, featurizer, sizes, model, Map.of());

        assertEquals("sll", TaggerCheckpoint.readJson(dir.resolve(TaggerCheckpoint.MODEL)).get("loss").asText());
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(dir);
        assertEquals(TaggerLoss.SLL, loaded.model().loss());
        assertEquals(model.chain().transitions().value(), loaded.model().chain().transitions().value());
        assertEquals(model.chain().start().value(), loaded.model().chain().start().value());
        WindowBatches batches = new WindowBatches(featurizer.extract(train));
        assertArrayEquals(TaggerTraining.predict(model, batches), TaggerTraining.predict(loaded.model(), batches));
    }

    @Test
    void aModelJsonWithoutALossLoadsAsWllAndAnUnknownLossIsNamedWithItsFile(@TempDir Path dir) throws Exception {
        saved(dir, 4);
        Path modelFile = dir.resolve(TaggerCheckpoint.MODEL);
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) TaggerCheckpoint.readJson(modelFile);
        assertEquals("wll", json.get("loss").asText());
        json.remove("loss"); // as saved before SLL existed
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(modelFile.toFile(), json);
        assertEquals(TaggerLoss.WLL, TaggerCheckpoint.load(dir).model().loss());

        json.put("loss", "crf");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(modelFile.toFile(), json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerCheckpoint.load(dir));
        assertTrue(e.getMessage().contains(modelFile.toString()) && e.getMessage().contains("'crf'")
                && e.getMessage().contains("[wll, sll]"), e.getMessage());

        json.put("loss", "sll"); // an SLL model.json beside a WLL model's parameters: the transitions are missing
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(modelFile.toFile(), json);
        Exception missing = assertThrows(Exception.class, () -> TaggerCheckpoint.load(dir));
        assertTrue(String.valueOf(missing.getMessage()).contains("chain"), missing.getMessage());
    }

    @Test
    void aDirectoryWithoutAModelIsReportedByName(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerCheckpoint.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("tagger train"), e.getMessage());
    }

    /** A small tagger saved in {@code dir}; returns its parameters' first value, to tell saves apart. */
    private static WindowTagger saved(Path dir, long seed) throws java.io.IOException {
        List<BrownCorpus.Document> train = ToyCorpus.documents(3, 5, 2);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(6, 2, 3, 5);
        WindowTagger model = new WindowTagger(featurizer, sizes, seed);
        TaggerCheckpoint.save(dir, featurizer, sizes, model, Map.of("epoch", (int) seed));
        return model;
    }

    private static java.util.Set<String> names(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aSaveReplacesTheWholeDirectoryAndLeavesNothingBeside(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        saved(model, 1);
        saved(model, 2);

        assertEquals(2, TaggerCheckpoint.load(model).info().get("epoch").asInt());
        assertEquals(java.util.Set.of("model"), names(dir));
        assertEquals(java.util.Set.of("vocabulary.json", "model.json", "parameters.npz"), names(model));
    }

    @Test
    void aSaveThatFailsMidwayLeavesTheModelSavedBefore(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        saved(model, 1);

        java.io.IOException e = assertThrows(java.io.IOException.class, () -> ModelDirectory.save(model, ModelDirectory.TAGGER, staged -> {
            java.nio.file.Files.writeString(staged.resolve("vocabulary.json"), "");
            throw new java.io.IOException("File too large");
        }));

        assertEquals("File too large", e.getMessage());
        assertEquals(1, TaggerCheckpoint.load(model).info().get("epoch").asInt());
        assertEquals(java.util.Set.of("model"), names(dir));
    }

    @Test
    void aSaveKilledBetweenItsRenamesLeavesTheOldModelReadableAndTheNextSaveRestoresIt(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        saved(model, 1);
        java.nio.file.Files.move(model, dir.resolve("model.previous"));
        Path staleStaging = java.nio.file.Files.createDirectory(dir.resolve("model.999999999-7.tmp"));
        Path half = java.nio.file.Files.writeString(staleStaging.resolve("vocabulary.json"), "half");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(600));
        java.nio.file.Files.setLastModifiedTime(half, old);
        java.nio.file.Files.setLastModifiedTime(staleStaging, old);

        assertEquals(1, TaggerCheckpoint.load(model).info().get("epoch").asInt());
        saved(model, 3);

        assertEquals(3, TaggerCheckpoint.load(model).info().get("epoch").asInt());
        assertEquals(java.util.Set.of("model"), names(dir));
    }

    @Test
    void aDirectoryHoldingOtherFilesIsNeverReplaced(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("thesis.tex"), "years of work");

        java.io.IOException e = assertThrows(java.io.IOException.class, () -> saved(dir, 1));

        assertTrue(e.getMessage().contains("holds files that are not part of a tagger model [thesis.tex]"), e.getMessage());
        assertTrue(java.nio.file.Files.exists(dir.resolve("thesis.tex")));
    }

    private static void assertLoadRefused(Path model, String fileName, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerCheckpoint.load(model));
        assertTrue(e.getMessage().startsWith(model.resolve(fileName).toString()) || fileName.isEmpty(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static void edit(Path file, String from, String to) throws java.io.IOException {
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains(from), text);
        java.nio.file.Files.writeString(file, text.replace(from, to));
    }

    @Test
    void brokenOrInvalidModelFilesAreRefusedNamingTheFileAndWhatIsWrong(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        saved(model, 1);
        Path vocabulary = model.resolve("vocabulary.json");
        Path modelJson = model.resolve("model.json");
        String goodVocabulary = java.nio.file.Files.readString(vocabulary);
        String goodModel = java.nio.file.Files.readString(modelJson);

        java.nio.file.Files.writeString(vocabulary, goodVocabulary.substring(0, goodVocabulary.length() / 2));
        assertLoadRefused(model, "vocabulary.json", "not valid JSON");
        java.nio.file.Files.writeString(vocabulary, goodVocabulary.replace("\"window\" : 5", "\"window\" : 4"));
        assertLoadRefused(model, "vocabulary.json", "window 4 must be odd");
        java.nio.file.Files.writeString(vocabulary, goodVocabulary.replaceFirst("\"words\" : \\[ \"([^\"]*)\"", "\"words\" : [ \"$1\", \"$1\""));
        assertLoadRefused(model, "vocabulary.json", "appears twice");
        java.nio.file.Files.writeString(vocabulary, goodVocabulary);

        edit(modelJson, "\"hidden\" : 5", "\"hidden\" : -5");
        assertLoadRefused(model, "model.json", "sizes must be positive");
        java.nio.file.Files.writeString(modelJson, goodModel.replace("\"hidden\" : 5", "\"hidden\" : 200000"));
        assertLoadRefused(model, "model.json", "but parameters.npz has only");
        java.nio.file.Files.writeString(modelJson, goodModel.replace("\"hidden\" : 5", "\"hidden\" : \"five\""));
        assertLoadRefused(model, "model.json", "the field 'hidden' is \"five\"; expected a whole number");
        java.nio.file.Files.writeString(modelJson, "{\"format\": ");
        assertLoadRefused(model, "model.json", "not valid JSON");
        java.nio.file.Files.writeString(modelJson, goodModel);

        java.nio.file.Files.delete(model.resolve("parameters.npz"));
        assertLoadRefused(model, "", "holds model.json but no parameters.npz");
    }

    @Test
    void aReaderDuringRepeatedSavesAlwaysSeesOneWholeModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        java.util.Map<Integer, Double> sums = new java.util.HashMap<>();
        for (int seed = 1; seed <= 20; seed++) {
            sums.put(seed, saved(dir.resolve("scratch"), seed).namedParameters().get("mlp.0.weight").value().sumNumber().doubleValue());
        }
        saved(model, 1);
        Thread saver = new Thread(() -> {
            try {
                for (int seed = 2; seed <= 20; seed++) {
                    saved(model, seed);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        saver.start();
        int reads = 0;
        while (saver.isAlive() || reads == 0) {
            TaggerCheckpoint.Loaded loaded;
            try {
                loaded = TaggerCheckpoint.load(model);
            } catch (java.io.IOException e) {
                // Replaced at every attempt: a refusal to guess, which is allowed; a mixed model is not.
                assertTrue(e.getMessage().contains("was replaced"), e.getMessage());
                continue;
            }
            int epoch = loaded.info().get("epoch").asInt();
            assertEquals(sums.get(epoch), loaded.model().namedParameters().get("mlp.0.weight").value().sumNumber().doubleValue(),
                    "parameters of the model saved as epoch " + epoch);
            reads++;
        }
        saver.join();
        assertEquals(20, TaggerCheckpoint.load(model).info().get("epoch").asInt());
    }
}
