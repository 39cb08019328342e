package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.examples.report.EpochsDone;
import jgrad.examples.tagger.Vocabulary;
import jgrad.optim.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RankingTrainingTest {

    @TempDir
    Path temp;

    /** Sentences of a tiny grammar, "the ADJ NOUN VERB the NOUN .", whose word order a window network can learn. */
    static List<List<String>> tinyCorpus(int sentences, long seed) {
        String[] adjectives = {"big", "red", "old"};
        String[] nouns = {"dog", "cat", "house", "tree"};
        String[] verbs = {"saw", "liked", "found"};
        Random rng = new Random(seed);
        List<List<String>> corpus = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            corpus.add(List.of("the", adjectives[rng.nextInt(3)], nouns[rng.nextInt(4)], verbs[rng.nextInt(3)], "the",
                    nouns[rng.nextInt(4)], "."));
        }
        return corpus;
    }

    @Test
    void windowsArePaddedAtSentenceEdgesAndSkipUnknownCentreWords() {
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "c"));
        RankingTraining.Windows windows = new RankingTraining.Windows(List.of(List.of("a", "zzz", "b"), List.of("c")),
                vocabulary, 3);
        assertEquals(4, windows.tokens());
        assertEquals(3, windows.size()); // "zzz" is unknown: no window of its own
        assertArrayEquals(new int[] {0, 2, 1, /**/ 1, 3, 0, /**/ 0, 4, 0}, windows.ids(null, 0, 3));
    }

    @Test
    void trainingLowersTheRankingLossOnATinyCorpus() {
        List<List<String>> corpus = tinyCorpus(300, 1);
        UnlabeledText text = new UnlabeledText(List.of(new UnlabeledText.Source("tiny", corpus)));
        Vocabulary vocabulary = text.vocabulary(100);
        RankingTraining.Windows windows = new RankingTraining.Windows(corpus, vocabulary, 5);
        RankingModel model = new RankingModel(new RankingModel.Sizes(vocabulary.size(), 8, 5, 16), 2);
        RankingTraining trainer = new RankingTraining(model, new RankingTraining.Settings(5, 16, 0.5, 0.5, 1, 3));
        RankingTraining.Evaluation before = trainer.evaluate(windows, 1000, 7);
        for (int e = 0; e < 5; e++) {
            trainer.trainEpoch(windows, (n, loss) -> {});
        }
        RankingTraining.Evaluation after = trainer.evaluate(windows, 1000, 7);
        assertTrue(after.loss() < 0.6 * before.loss(), before + " -> " + after);
        assertTrue(after.rankedAbove() > 0.8, after.toString());
        assertEquals(5, trainer.epochsDone());
    }

    /** The windows of width 3 of a tiny corpus and a small network over its vocabulary, for resumed runs. */
    record TinyRun(RankingTraining.Windows windows, RankingModel.Sizes sizes) {
        static TinyRun of() {
            List<List<String>> corpus = tinyCorpus(60, 4);
            Vocabulary vocabulary = new UnlabeledText(List.of(new UnlabeledText.Source("tiny", corpus))).vocabulary(100);
            return new TinyRun(new RankingTraining.Windows(corpus, vocabulary, 3), new RankingModel.Sizes(vocabulary.size(), 4, 3, 6));
        }

        RankingModel model(long seed) {
            return new RankingModel(sizes, seed);
        }

        /** A trainer of {@code model} for {@code epochs} epochs, after {@code done} of them. */
        RankingTraining trainer(RankingModel model, int epochs, int done) {
            RankingTraining trainer = new RankingTraining(model, new RankingTraining.Settings(epochs, 8, 0.3, 3, 0.5, 5));
            for (int e = 0; e < done; e++) {
                trainer.trainEpoch(windows, (n, loss) -> {});
            }
            return trainer;
        }
    }

    private static void assertSameWeights(RankingModel expected, RankingModel actual) {
        expected.namedParameters().forEach((name, p) -> assertArrayEquals(p.value().ravel().toFloatVector(),
                actual.namedParameters().get(name).value().ravel().toFloatVector(), name));
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        TinyRun run = TinyRun.of();
        RankingModel whole = run.model(9);
        run.trainer(whole, 2, 2);
        Path checkpoint = temp.resolve("run.checkpoint.npz");
        run.trainer(run.model(9), 2, 1).save(checkpoint);
        RankingModel second = run.model(77); // other initial weights: the checkpoint must replace them
        RankingTraining resumed = run.trainer(second, 2, 0);
        resumed.resume(checkpoint);
        assertEquals(1, resumed.epochsDone());
        resumed.trainEpoch(run.windows(), (n, loss) -> {});
        assertSameWeights(whole, second);
    }

    @Test
    void aCheckpointWithTheOldInt64EpochCounterStillResumesAndTooManyEpochsAreRefused() throws Exception {
        TinyRun run = TinyRun.of();
        RankingModel first = run.model(9);
        RankingTraining interrupted = run.trainer(first, 2, 1);
        Path checkpoint = temp.resolve("old.checkpoint.npz");
        interrupted.save(checkpoint);
        // What jgrad wrote before the shared counter: the same arrays, epochs_done an int64 [1].
        Map<String, INDArray> arrays = new LinkedHashMap<>(Npz.read(checkpoint));
        arrays.put(EpochsDone.KEY, Nd4j.createFromArray(1L));
        Npz.write(checkpoint, arrays);

        RankingModel second = run.model(77);
        RankingTraining resumed = run.trainer(second, 2, 0);
        resumed.resume(checkpoint);
        assertEquals(1, resumed.epochsDone());
        assertSameWeights(first, second);

        interrupted.trainEpoch(run.windows(), (n, loss) -> {});
        interrupted.save(checkpoint);
        IOException e = assertThrows(IOException.class, () -> run.trainer(run.model(77), 1, 0).resume(checkpoint));
        assertTrue(e.getMessage().contains("embeddings train: cannot resume from " + checkpoint)
                && e.getMessage().contains("pass --epochs 2 or more"), e.getMessage());
    }

    @Test
    void aStageWithALargerVocabularyStartsFromTheLastStagesVectorsAndLayers() throws Exception {
        List<List<String>> corpus = tinyCorpus(60, 4);
        UnlabeledText text = new UnlabeledText(List.of(new UnlabeledText.Source("tiny", corpus)));
        Vocabulary small = text.vocabulary(4);
        RankingModel first = new RankingModel(new RankingModel.Sizes(small.size(), 4, 3, 6), 9);
        RankingTraining stage1 = new RankingTraining(first, new RankingTraining.Settings(1, 8, 0.3, 0.3, 1, 5));
        stage1.trainEpoch(new RankingTraining.Windows(corpus, small, 3), (n, loss) -> {});
        Path vectors = temp.resolve("stage1.txt");
        WordVectors.of(small, first.words().weight().value()).write(vectors);
        Path checkpoint = temp.resolve("stage1.txt.checkpoint.npz");
        stage1.save(checkpoint);

        Vocabulary large = text.vocabulary(100);
        RankingModel second = new RankingModel(new RankingModel.Sizes(large.size(), 4, 3, 6), 77);
        String newWord = large.known().stream().filter(w -> !small.contains(w)).findFirst().orElseThrow();
        float[] drawn = second.words().weight().value().getRow(large.id(newWord)).toFloatVector();
        RankingTraining stage2 = new RankingTraining(second, new RankingTraining.Settings(1, 8, 0.3, 0.3, 1, 5));

        assertEquals(small.size(), stage2.startFrom(WordVectors.read(vectors), large, checkpoint));

        for (String word : small.strings()) {
            assertArrayEquals(first.words().weight().value().getRow(small.strings().indexOf(word)).toFloatVector(),
                    second.words().weight().value().getRow(large.strings().indexOf(word)).toFloatVector(), word);
        }
        assertArrayEquals(drawn, second.words().weight().value().getRow(large.id(newWord)).toFloatVector(), newWord);
        first.namedParameters().forEach((name, p) -> {
            if (p != first.words().weight()) {
                assertArrayEquals(p.value().ravel().toFloatVector(), second.namedParameters().get(name).value().ravel().toFloatVector(), name);
            }
        });
        assertEquals(0, stage2.epochsDone());
    }

    @Test
    void aStageStartedFromACheckpointOfOtherSizesIsRefusedNamingIt() throws Exception {
        List<List<String>> corpus = tinyCorpus(20, 4);
        Vocabulary vocabulary = new UnlabeledText(List.of(new UnlabeledText.Source("tiny", corpus))).vocabulary(100);
        RankingModel first = new RankingModel(new RankingModel.Sizes(vocabulary.size(), 4, 3, 6), 9);
        Path vectors = temp.resolve("v.txt");
        WordVectors.of(vocabulary, first.words().weight().value()).write(vectors);
        Path checkpoint = temp.resolve("v.txt.checkpoint.npz");
        new RankingTraining(first, new RankingTraining.Settings(1, 8, 0.3, 0.3, 1, 5)).save(checkpoint);

        RankingModel wider = new RankingModel(new RankingModel.Sizes(vocabulary.size(), 4, 3, 7), 9);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new RankingTraining(wider, new RankingTraining.Settings(1, 8, 0.3, 0.3, 1, 5)).startFrom(WordVectors.read(vectors), vocabulary, checkpoint));
        assertTrue(e.getMessage().startsWith("cannot start from " + checkpoint + ": its 'mlp.0.weight' is [12, 6]; expected [12, 7]"), e.getMessage());
    }
}
