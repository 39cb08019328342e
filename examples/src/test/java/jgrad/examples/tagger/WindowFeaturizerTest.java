package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class WindowFeaturizerTest {

    private static final List<BrownCorpus.Document> TRAIN = List.of(
            doc("ca02", "The/at cat/nn sat/vbd on/in 1961/cd mats/nns ./.", "the/at Cat/nn-tl sat/vbd ./."),
            doc("ca03", "Dogs/nns ran/vbd ./."));

    private final TagSet tags = TagSet.of(TagScheme.UNIVERSAL);
    private final WindowFeaturizer featurizer = WindowFeaturizer.fit(TRAIN, tags, WindowFeaturizer.Options.defaults());

    @Test
    void windowsArePaddedAtSentenceEdgesAndNeverCrossThem() {
        TaggedFeatures features = featurizer.extract(List.of(doc("ca01", "cat/nn sat/vbd mats/nns", "ran/vbd")));
        int cat = id("cat");
        int sat = id("sat");
        int mats = id("mats");
        int ran = id("ran");
        int pad = Vocabulary.PADDING;
        assertEquals(4, features.tokens());
        assertArrayEquals(new long[] {4, 5}, features.words().shape());
        assertArrayEquals(new int[] {pad, pad, cat, sat, mats}, row(features.words(), 0));
        assertArrayEquals(new int[] {pad, cat, sat, mats, pad}, row(features.words(), 1));
        assertArrayEquals(new int[] {cat, sat, mats, pad, pad}, row(features.words(), 2));
        assertArrayEquals(new int[] {pad, pad, ran, pad, pad}, row(features.words(), 3));
        assertEquals(DataType.INT32, features.words().dataType());
    }

    @Test
    void wordsAreLookedUpLowercasedWithDigitsAsZero() {
        assertEquals("the 0000s, 0.0%", WindowFeaturizer.normalize("The 1960s, 3.5%"));
        TaggedFeatures features = featurizer.extract(List.of(doc("ca01", "THE/at 1872/cd CAT/nn")));
        assertEquals(id("the"), features.words().getInt(0, 2));
        assertEquals(id("0000"), features.words().getInt(1, 2));
        assertEquals(id("cat"), features.words().getInt(2, 2));
        assertEquals(0, features.unseenCount());
    }

    @Test
    void theCapitalizationFeatureKeepsWhatLowercasingLost() {
        TaggedFeatures features = featurizer.extract(List.of(doc("ca01", "The/at CAT/nn sat/vbd 1961/cd McCat/np")));
        assertArrayEquals(new int[] {0, 0, Capitalization.FIRST_UPPER.id(), Capitalization.ALL_UPPER.id(),
                Capitalization.ALL_LOWER.id()}, row(features.caps(), 0));
        assertArrayEquals(new int[] {Capitalization.ALL_LOWER.id(), Capitalization.NO_LETTERS.id(),
                Capitalization.UPPER_NOT_FIRST.id(), 0, 0}, row(features.caps(), 4));
    }

    @Test
    void unseenWordsAreUnknownButKeepTheirTrainingSuffixes() {
        TaggedFeatures features = featurizer.extract(List.of(doc("ca01", "bats/nns on/in zzzq/nn")));
        assertArrayEquals(new int[] {1, 0, 1}, features.unseen().toIntVector());
        assertEquals(2, features.unseenCount());
        assertEquals(Vocabulary.UNKNOWN, features.words().getInt(0, 2));

        Vocabulary two = featurizer.suffixes().get(0);
        Vocabulary three = featurizer.suffixes().get(1);
        assertEquals(two.id("ts"), features.suffixes().get(0).getInt(0, 2));
        assertEquals(three.id("ats"), features.suffixes().get(1).getInt(0, 2));
        assertNotEquals(Vocabulary.UNKNOWN, three.id("ats")); // "bats" shares its suffix with "mats"
        assertEquals(Vocabulary.UNKNOWN, features.suffixes().get(1).getInt(2, 2));
        assertEquals(three.id("on"), features.suffixes().get(1).getInt(1, 2)); // a short word is its own suffix
        assertNotEquals(Vocabulary.UNKNOWN, three.id("on"));
        assertEquals(Vocabulary.PADDING, features.suffixes().get(0).getInt(0, 0));
    }

    @Test
    void tagsAreIdsOfTheTagSet() {
        TaggedFeatures features = featurizer.extract(List.of(doc("ca01", "The/at Cat/nn-tl ran/vbd ./.")));
        assertArrayEquals(new int[] {tags.idOfName("DET"), tags.idOfName("NOUN"), tags.idOfName("VERB"), tags.idOfName(".")},
                features.tags().toIntVector());
    }

    @Test
    void aCutoffMakesRareWordsUnknown() {
        WindowFeaturizer frequent = WindowFeaturizer.fit(TRAIN, tags, new WindowFeaturizer.Options(3, 2, List.of(2)));
        assertEquals(List.of(".", "cat", "sat", "the"), frequent.words().known());
        TaggedFeatures features = frequent.extract(List.of(doc("ca01", "cat/nn ran/vbd")));
        assertArrayEquals(new long[] {2, 3}, features.words().shape());
        assertArrayEquals(new int[] {0, 1}, features.unseen().toIntVector());
    }

    @Test
    void anUnknownTagIsReportedWithItsFileAndLine() {
        BrownCorpus.Document bad = new BrownCorpus.Document("cc07",
                List.of(new BrownCorpus.Sentence(12, BrownCorpus.parseLine("a/at b/qq", "cc07", 12))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> featurizer.extract(List.of(bad)));
        assertTrue(e.getMessage().startsWith("cc07 line 12, token 'b/qq': 'qq' is not a Brown tag"), e.getMessage());
    }

    @Test
    void savedVocabulariesLoadBackToTheSameFeatures(@TempDir Path dir) throws IOException {
        WindowFeaturizer original = WindowFeaturizer.fit(TRAIN, TagSet.of(TagScheme.REDUCED), new WindowFeaturizer.Options(3, 1, List.of(1, 3)));
        Path file = dir.resolve("vocabulary.json");
        original.save(file);
        WindowFeaturizer loaded = WindowFeaturizer.load(file);

        assertEquals(original.options(), loaded.options());
        assertEquals(original.tags().names(), loaded.tags().names());
        assertEquals(original.words().known(), loaded.words().known());
        assertEquals(original.suffixes().get(1).known(), loaded.suffixes().get(1).known());
        List<BrownCorpus.Document> text = List.of(doc("ca01", "The/at bats/nns sat/vbd on/in MATS/nns ./."));
        TaggedFeatures a = original.extract(text);
        TaggedFeatures b = loaded.extract(text);
        assertEquals(a.words(), b.words());
        assertEquals(a.caps(), b.caps());
        assertEquals(a.suffixes(), b.suffixes());
        assertEquals(a.tags(), b.tags());
    }

    @Test
    void aSaveReplacesTheFileWholeRatherThanRewritingItInPlace(@TempDir Path dir) throws IOException {
        WindowFeaturizer featurizer = WindowFeaturizer.fit(TRAIN, TagSet.of(TagScheme.REDUCED), WindowFeaturizer.Options.defaults());
        Path file = Files.writeString(dir.resolve("vocabulary.json"), "the old file");
        // A second name of the old file: written in place, it would show the new content.
        Path oldLink = Files.createLink(dir.resolve("old-link"), file);

        featurizer.save(file);

        assertEquals("the old file", Files.readString(oldLink));
        assertEquals(featurizer.words().known(), WindowFeaturizer.load(file).words().known());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("old-link", "vocabulary.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFileOfAnotherFormatIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\": \"something-else\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowFeaturizer.load(file));
        assertTrue(e.getMessage().contains("expected '" + WindowFeaturizer.FORMAT + "'"), e.getMessage());
    }

    @Test
    void windowsMustHaveAMiddle() {
        assertThrows(IllegalArgumentException.class, () -> new WindowFeaturizer.Options(4, 1, List.of(2)));
        assertThrows(IllegalArgumentException.class, () -> new WindowFeaturizer.Options(5, 1, List.of(2, 2)));
    }

    private int id(String word) {
        int id = featurizer.words().id(word);
        assertTrue(id >= 2, word + " should be a training word");
        return id;
    }

    private static int[] row(INDArray matrix, int row) {
        return matrix.getRow(row).toIntVector();
    }

    /** A document with one sentence per argument, on lines 1, 3, 5, ... */
    @Test
    void untaggedSentencesGetTheSameFeaturesAsTaggedOnesAndNoTags() {
        TaggedFeatures tagged = featurizer.extract(List.of(doc("ca01", "The/at cat/nn sat/vbd", "Zzq/nn")));
        TaggedFeatures plain = featurizer.extractWords(List.of(List.of("The", "cat", "sat"), List.of("Zzq")));
        assertEquals(tagged.words(), plain.words());
        assertEquals(tagged.caps(), plain.caps());
        assertEquals(tagged.suffixes(), plain.suffixes());
        assertEquals(tagged.unseen(), plain.unseen());
        assertArrayEquals(new int[] {-1, -1, -1, -1}, plain.tags().toIntVector());
    }

    static BrownCorpus.Document doc(String name, String... lines) {
        List<BrownCorpus.Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            sentences.add(new BrownCorpus.Sentence(2 * i + 1, BrownCorpus.parseLine(lines[i], name, 2 * i + 1)));
        }
        return new BrownCorpus.Document(name, sentences);
    }
}
