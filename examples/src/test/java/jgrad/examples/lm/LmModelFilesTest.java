package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.examples.tagger.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save replaces the directory as one unit and keeps the resume checkpoint; a damaged model.json is
 * refused naming the file and what is wrong, before any network is built.
 */
class LmModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void jsonThatDoesNotParseNamesTheFile() throws IOException {
        Path model = Files.writeString(dir.resolve(LmModelFiles.MODEL), "{\"format\": ");
        var e = assertThrows(IllegalArgumentException.class, () -> LmModelFiles.load(dir));
        assertTrue(e.getMessage().startsWith(model + ": not valid JSON"), e.getMessage());
    }

    @Test
    void aMissingSizeIsNamedInsteadOfReadAsZero() throws IOException {
        String format = LmModelFiles.FORMAT;
        Path model = Files.writeString(dir.resolve(LmModelFiles.MODEL), "{\"format\": \"" + format
                + "\", \"words\": [\"<s>\", \"a\", \"</s>\"], \"order\": 3, \"embedding\": 4}");
        var e = assertThrows(IllegalArgumentException.class, () -> LmModelFiles.load(dir));
        assertEquals(model + ": the field 'hidden' is missing; expected a whole number", e.getMessage());
    }

    private static NeuralLanguageModel model(long seed) {
        return new NeuralLanguageModel(new NeuralLanguageModel.Sizes(3, 4, 5, false, 0), 5, 4, seed);
    }

    private static Vocabulary vocabulary() {
        return Vocabulary.of(java.util.List.of("the", "cat", "sat"));
    }

    private java.util.Set<String> names(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aSaveReplacesTheDirectoryWholeAndKeepsTheResumeCheckpoint() throws IOException {
        Path model = dir.resolve("model");
        LmModelFiles.save(model, vocabulary(), model(1), java.util.Map.of("epoch", 1));
        Files.writeString(LmModelFiles.checkpoint(model), "the resume checkpoint of epoch 1");

        LmModelFiles.save(model, vocabulary(), model(2), java.util.Map.of("epoch", 2));

        assertEquals(java.util.Set.of("model"), names(dir), "no temporaries and no .previous are left beside it");
        assertEquals(java.util.Set.of(LmModelFiles.MODEL, LmModelFiles.PARAMETERS, LmModelFiles.CHECKPOINT), names(model));
        assertEquals("the resume checkpoint of epoch 1", Files.readString(LmModelFiles.checkpoint(model)));
        LmModelFiles.Loaded loaded = LmModelFiles.load(model);
        assertEquals(2, loaded.info().get("epoch").asInt());
        assertEquals(model(2).namedParameters().get("embedding.weight").value(),
                loaded.model().namedParameters().get("embedding.weight").value(), "the second save's parameters");
    }

    @Test
    void aDirectoryHoldingOtherFilesIsNotSweptAwayByASave() throws IOException {
        Path model = Files.createDirectory(dir.resolve("model"));
        Files.writeString(model.resolve("notes.txt"), "mine");

        var e = assertThrows(IOException.class, () -> LmModelFiles.save(model, vocabulary(), model(1), java.util.Map.of()));

        assertTrue(e.getMessage().contains("holds files that are not part of a language model [notes.txt]"), e.getMessage());
        assertEquals("mine", Files.readString(model.resolve("notes.txt")));
    }
}
