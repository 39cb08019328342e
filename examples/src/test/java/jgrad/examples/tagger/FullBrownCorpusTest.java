package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the reader, tag sets, split, features and baseline against the expected figures of the full
 * corpus. Skipped when the corpus is not on disk (see {@link BrownCorpusLocation} for where it looks).
 */
class FullBrownCorpusTest {

    private static BrownCorpus corpus;

    @BeforeAll
    static void readTheCorpus() throws IOException {
        Optional<Path> dir = BrownCorpusLocation.find();
        Assumptions.assumeTrue(dir.isPresent(), "the Brown corpus is not on disk; set " + BrownCorpusLocation.ENVIRONMENT_VARIABLE);
        corpus = BrownCorpus.read(dir.get());
    }

    @Test
    void theCorpusHas500FilesOf57340SentencesAnd1161192Tokens() {
        assertEquals(500, corpus.documents().size());
        assertEquals("ca01", corpus.documents().get(0).name());
        assertEquals("cr09", corpus.documents().get(499).name());
        assertEquals(57_340, corpus.sentenceCount());
        assertEquals(1_161_192, corpus.tokenCount());
    }

    @Test
    void theCorpusUses472RawTagsThatMapTo12UniversalAnd92ReducedTags() {
        TagSet universal = TagSet.of(TagScheme.UNIVERSAL);
        TagSet reduced = TagSet.of(TagScheme.REDUCED);
        Set<String> raw = new HashSet<>();
        Set<String> universalSeen = new HashSet<>();
        Set<String> reducedSeen = new HashSet<>();
        for (BrownCorpus.Document document : corpus.documents()) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                for (BrownCorpus.Token token : sentence.tokens()) {
                    raw.add(token.rawTag().toUpperCase(Locale.ROOT));
                    universalSeen.add(universal.map(token.rawTag()));
                    reducedSeen.add(reduced.map(token.rawTag()));
                }
            }
        }
        assertEquals(472, raw.size());
        assertEquals(12, universalSeen.size());
        assertEquals(92, reducedSeen.size());
    }

    @Test
    void theSplitHas400TrainFilesAnd50TestFilesWithTheExpectedTokenCounts() {
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        List<BrownCorpus.Document> dev = corpus.documents(CorpusSplit.DEV);
        List<BrownCorpus.Document> test = corpus.documents(CorpusSplit.TEST);
        assertEquals(400, train.size());
        assertEquals(50, dev.size());
        assertEquals(50, test.size());
        assertEquals(929_446, tokens(train));
        assertEquals(116_366, tokens(dev));
        assertEquals(115_380, tokens(test));
        assertEquals(List.of("ca01", "ca11", "ca21"), test.subList(0, 3).stream().map(BrownCorpus.Document::name).toList());
    }

    @Test
    void theMostFrequentTagBaselineScoresAbout94PercentUniversalAnd90PercentReduced() {
        double universal = baseline(TagScheme.UNIVERSAL);
        double reduced = baseline(TagScheme.REDUCED);
        // The expected 94.07% and 90.10% depend on how a word's tie between tags of equal count is broken
        // (381 training words tie in universal tags, 684 in reduced ones): first seen, lowest or highest
        // tag id, or more frequent tag overall all land within 0.02 points of them.
        assertEquals(0.9407, universal, 0.0005, "most-frequent-tag baseline on the test split, universal tags");
        assertEquals(0.9010, reduced, 0.0005, "most-frequent-tag baseline on the test split, reduced tags");
    }

    @Test
    void testFeaturesHaveOneRowPerTokenAndUnseenWordsOnlyOutsideTraining() {
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());
        TaggedFeatures test = featurizer.extract(corpus.documents(CorpusSplit.TEST));
        assertArrayEquals(new long[] {115_380, 5}, test.words().shape());
        assertArrayEquals(new long[] {115_380, 5}, test.caps().shape());
        assertArrayEquals(new long[] {115_380, 5}, test.suffixes().get(1).shape());
        assertEquals(115_380, test.tags().length());
        int unseen = test.unseenCount();
        assertTrue(unseen > 1_000 && unseen < 10_000, "test words unseen in training: " + unseen + " (vocabulary: "
                + featurizer.words().size() + " words)");
        assertEquals(0, featurizer.extract(train).unseenCount());
    }

    private static double baseline(TagScheme scheme) {
        TagSet tags = TagSet.of(scheme);
        return MostFrequentTag.fit(corpus.documents(CorpusSplit.TRAIN), tags).accuracy(corpus.documents(CorpusSplit.TEST));
    }

    private static int tokens(List<BrownCorpus.Document> documents) {
        return documents.stream().mapToInt(BrownCorpus.Document::tokenCount).sum();
    }
}
