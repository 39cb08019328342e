package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.examples.CommandLineRun;
import jgrad.examples.embeddings.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tagger train --embeddings}: the word table starts from the vectors of the words they hold. */
class PretrainedWordsTest {

    @TempDir
    Path temp;

    private Path vectors(int dim, String... words) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            text.append(words[i]);
            for (int j = 0; j < dim; j++) {
                text.append(' ').append(i + j / 10.0);
            }
            text.append('\n');
        }
        return Files.writeString(temp.resolve("vectors-" + dim + ".txt"), text.toString());
    }

    @Test
    void theWordsFoundInTheVectorsStartFromThemAndTheCoverageIsCounted() throws Exception {
        Path corpus = ToyCorpus.write(Files.createDirectory(temp.resolve("corpus")), 10, 10, 3);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(BrownCorpus.read(corpus).documents(CorpusSplit.TRAIN),
                TagSet.of(TagScheme.UNIVERSAL), new WindowFeaturizer.Options(5, 1, List.of(2)));
        WindowTagger model = new WindowTagger(featurizer, new WindowTagger.Sizes(3, 2, 2, 4), 1);
        float[] unseenBefore = model.wordTable().value().getRow(featurizer.words().id("cat")).toFloatVector();
        Path file = vectors(3, "dog", "zebra", "the", "<UNK>");

        String said = WordVectors.read(file).startTable(model.wordTable(), featurizer.words(), file);

        int words = featurizer.words().known().size();
        assertEquals(String.format("word vectors from %s: 2 of the %d words (%.1f%%) start from them, the others random; "
                + "the unknown word starts from <UNK>", file, words, 200.0 / words), said);
        assertArrayEquals(new float[] {0, 0.1f, 0.2f}, model.wordTable().value().getRow(featurizer.words().id("dog")).toFloatVector());
        assertArrayEquals(new float[] {2, 2.1f, 2.2f}, model.wordTable().value().getRow(featurizer.words().id("the")).toFloatVector());
        assertArrayEquals(new float[] {3, 3.1f, 3.2f}, model.wordTable().value().getRow(Vocabulary.UNKNOWN).toFloatVector());
        assertArrayEquals(unseenBefore, model.wordTable().value().getRow(featurizer.words().id("cat")).toFloatVector());
    }

    @Test
    void trainSaysHowManyWordsTheVectorsCoveredAndRefusesAnotherWidthNamingBoth() throws Exception {
        Path corpus = ToyCorpus.write(Files.createDirectory(temp.resolve("corpus")), 10, 10, 5);
        Path file = vectors(4, "dog", "cat", "the");
        CommandLineRun run = new CommandLineRun();
        assertEquals(0, run.execute("tagger", "train", "--corpus", corpus.toString(), "--epochs", "1", "--word-dim", "4",
                "--cap-dim", "2", "--suffix-dim", "2", "--hidden", "8", "--batch-size", "32", "--progress", "none",
                "--embeddings", file.toString(), "-o", temp.resolve("model").toString()), run.err());
        assertTrue(run.out().contains("word vectors from " + file + ": 3 of the "), run.out());

        CommandLineRun wrongWidth = new CommandLineRun();
        assertEquals(1, wrongWidth.execute("tagger", "train", "--corpus", corpus.toString(), "--word-dim", "5",
                "--embeddings", file.toString(), "-o", temp.resolve("other").toString()));
        assertTrue(wrongWidth.err().contains("jgrad tagger train: --embeddings " + file + " holds vectors of 4 components but "
                + "--word-dim is 5; expected the same width (pass --word-dim 4)"), wrongWidth.err());
        assertTrue(Files.notExists(temp.resolve("other")));
    }

    @Test
    void trainAddsTheVectorsWordsThatTrainingNeverSawAndEvalCountsThemAsUnseen() throws Exception {
        Path corpus = ToyCorpus.write(Files.createDirectory(temp.resolve("corpus")), 10, 10, 5);
        Path file = vectors(4, "the", "zebra", "dog", "gnu", "okapi");
        CommandLineRun run = new CommandLineRun();
        assertEquals(0, run.execute("tagger", "train", "--corpus", corpus.toString(), "--epochs", "1", "--word-dim", "4",
                "--cap-dim", "2", "--suffix-dim", "2", "--hidden", "8", "--batch-size", "32", "--progress", "none",
                "--embeddings", file.toString(), "--embeddings-words", "4", "-o", temp.resolve("model").toString()), run.err());
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(temp.resolve("model"));
        WindowFeaturizer featurizer = loaded.featurizer();
        int trainingWords = featurizer.trainingWords();
        assertTrue(run.out().contains("(" + trainingWords + " from training, 2 more from --embeddings)"), run.out());
        assertEquals(List.of("zebra", "gnu"), featurizer.words().known().subList(trainingWords, featurizer.words().known().size()));
        // Never looked up in training, the added rows keep their vectors.
        assertArrayEquals(new float[] {1, 1.1f, 1.2f, 1.3f}, loaded.model().wordTable().value().getRow(featurizer.words().id("zebra")).toFloatVector());

        TaggedFeatures features = featurizer.extract(List.of(WindowFeaturizerTest.doc("ca01", "The/at zebra/nn saw/vbd a/at okapi/nn ./.")));
        assertEquals(featurizer.words().id("zebra"), features.words().getInt(1, 2));
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 0}, features.unseen().toIntVector());
    }

    @Test
    void onlyNormalizedWordsOfTheVectorsAreAddedAndCountedByEmbeddingsWords() throws Exception {
        Path corpus = ToyCorpus.write(Files.createDirectory(temp.resolve("corpus")), 10, 10, 3);
        WindowFeaturizer fitted = WindowFeaturizer.fit(BrownCorpus.read(corpus).documents(CorpusSplit.TRAIN),
                TagSet.of(TagScheme.UNIVERSAL), new WindowFeaturizer.Options(5, 1, List.of(2)));
        // "The", "1990" and "Gnu" are rows no token could reach (a token looks up "the", "0000", "gnu").
        Path file = vectors(3, "The", "1990", "the", "zebra", "Gnu", "dog", "gnu", "okapi");
        TrainCommand command = new TrainCommand();
        command.embeddingsWords = 4;

        WindowFeaturizer extended = command.withPretrainedWords(fitted, WordVectors.read(file));

        // The first 4 normalized words are the, zebra, dog and gnu; training saw the and dog.
        assertEquals(List.of("zebra", "gnu"), extended.words().known().subList(fitted.trainingWords(), extended.words().known().size()));
        command.embeddingsWords = null;
        assertEquals(List.of("zebra", "gnu", "okapi"), command.withPretrainedWords(fitted, WordVectors.read(file)).words().known()
                .subList(fitted.trainingWords(), fitted.trainingWords() + 3));
    }

    @Test
    void embeddingsWordsWithoutEmbeddingsIsRefused() {
        CommandLineRun run = new CommandLineRun();
        assertEquals(2, run.execute("tagger", "train", "--embeddings-words", "10", "-o", temp.resolve("model").toString()));
        assertTrue(run.err().contains("--embeddings-words"), run.err());
    }
}
