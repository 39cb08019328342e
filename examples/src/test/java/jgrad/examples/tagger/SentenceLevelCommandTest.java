package jgrad.examples.tagger;

import static jgrad.examples.tagger.TaggerCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tagger train --loss sll}, then eval and tag with the saved model, which decode by Viterbi. */
class SentenceLevelCommandTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;
    static String trainOutput;

    @BeforeAll
    static void trainWithTheSentenceLevelLoss() throws Exception {
        corpus = ToyCorpus.write(Files.createDirectory(dir.resolve("corpus")), 10, 30, 11);
        model = dir.resolve("model");
        trainOutput = run(null, "train", "--corpus", corpus.toString(), "--loss", "sll", "--epochs", "2",
                "--word-dim", "8", "--cap-dim", "2", "--suffix-dim", "4", "--hidden", "16", "--batch-size", "32",
                "--lr", "0.2", "--lr-decay", "0.5", "--progress", "none", "-o", model.toString());
    }

    @Test
    void trainRecordsTheLossInModelJsonAndSavesTheTransitions() throws Exception {
        assertTrue(trainOutput.contains("sll)") && trainOutput.contains("epoch 2:"), trainOutput);
        JsonNode json = new ObjectMapper().readTree(model.resolve(TaggerCheckpoint.MODEL).toFile());
        assertEquals("sll", json.get("loss").asText());
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(model);
        assertTrue(loaded.model().chain().transitions().value().amaxNumber().doubleValue() > 0, "the transitions were trained");
    }

    @Test
    void evalAndTagDecodeTheSavedSllModel() {
        String eval = run(null, "eval", "--corpus", corpus.toString(), "-m", model.toString(), "--split", "dev");
        java.util.regex.Matcher accuracy = java.util.regex.Pattern.compile("accuracy ([0-9.]+)%").matcher(eval);
        assertTrue(accuracy.find(), eval);
        assertTrue(Double.parseDouble(accuracy.group(1)) > 90, "the toy grammar is learned: " + eval);
        String tagged = run("The dog saw a red cat .\n\nwe  run quickly .\n", "tag", "-m", model.toString());
        String[] lines = tagged.split("\n", -1);
        assertEquals(4, lines.length, tagged);
        assertTrue(lines[0].startsWith("The/DET dog/NOUN saw/VERB"), lines[0]);
        assertEquals("", lines[1]);
        assertTrue(lines[2].startsWith("we/PRON run/VERB quickly/"), lines[2]);
    }
}
