package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The word vocabulary extended by the words of pretrained vectors ({@link WindowFeaturizer#withWords}):
 * the added words follow the training words, and their tokens still count as unseen in training.
 */
class PretrainedVocabularyTest {

    private static final List<BrownCorpus.Document> TRAIN = List.of(WindowFeaturizerTest.doc("ca02", "The/at cat/nn sat/vbd ./."));

    private final WindowFeaturizer fitted = WindowFeaturizer.fit(TRAIN, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());

    @Test
    void addedWordsFollowTheTrainingWordsWhoseIdsStayAsTheyWere() {
        WindowFeaturizer extended = fitted.withWords(List.of("<PAD>", "the", "dog", "<UNK>", "cat", "mat", "dog"));

        assertEquals(4, fitted.trainingWords());
        assertEquals(4, extended.trainingWords());
        assertEquals(fitted.words().known(), extended.words().known().subList(0, 4));
        assertEquals(List.of("dog", "mat"), extended.words().known().subList(4, 6));
        assertEquals(8, extended.words().size());
        assertEquals(fitted.words().id("sat"), extended.words().id("sat"));
    }

    @Test
    void wordsNotInNormalizedFormAreLeftOutSinceNoTokenCouldReachThem() {
        WindowFeaturizer extended = fitted.withWords(List.of("Dog", "1990", "dog", "0000", "MAT"));

        assertEquals(List.of("dog", "0000"), extended.words().known().subList(4, extended.words().known().size()));
        assertEquals(extended.words().id("0000"), extended.extract(List.of(WindowFeaturizerTest.doc("ca01", "1990/cd ./.")))
                .words().getInt(0, 2));
    }

    @Test
    void aTokenOfAnAddedWordHasItsOwnIdAndStillCountsAsUnseen() {
        WindowFeaturizer extended = fitted.withWords(List.of("dog"));

        TaggedFeatures features = extended.extract(List.of(WindowFeaturizerTest.doc("ca01", "The/at dog/nn sat/vbd on/in ./.")));

        assertEquals(extended.words().id("dog"), features.words().getInt(1, 2));
        assertEquals(Vocabulary.UNKNOWN, features.words().getInt(3, 2));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, features.unseen().toIntVector());
        assertEquals(2, features.unseenCount());
    }

    @Test
    void theNumberOfTrainingWordsIsSavedAndAFileWithoutItHoldsTrainingWordsOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocabulary.json");
        fitted.withWords(List.of("dog", "mat")).save(file);
        WindowFeaturizer loaded = WindowFeaturizer.load(file);
        assertEquals(4, loaded.trainingWords());
        assertEquals(6, loaded.words().known().size());
        assertEquals(1, loaded.extract(List.of(WindowFeaturizerTest.doc("ca01", "dog/nn sat/vbd ./."))).unseenCount());

        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        json.remove("trainingWords");
        Path old = Files.writeString(dir.resolve("old.json"), json.toString());
        WindowFeaturizer before = WindowFeaturizer.load(old);
        assertEquals(6, before.trainingWords());
        assertEquals(0, before.extract(List.of(WindowFeaturizerTest.doc("ca01", "dog/nn sat/vbd ./."))).unseenCount());
    }

    @Test
    void moreTrainingWordsThanWordsIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocabulary.json");
        fitted.save(file);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        json.put("trainingWords", 9);
        Files.writeString(file, json.toString());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowFeaturizer.load(file));
        assertTrue(e.getMessage().startsWith(file + ": WindowFeaturizer: 9 training words in a vocabulary of 4 known words; "
                + "expected 0 ... 4"), e.getMessage());
    }
}
