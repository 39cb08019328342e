package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.examples.CommandLineRun;
import jgrad.examples.tagger.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class WordVectorsTest {

    @TempDir
    Path temp;

    /**
     * Hand-made vectors: cosines to "france" are austria 0.995 (1, 0.1), belgium 0.950 (1, 0.33), germany
     * 0.707 (1, 1), dog 0 (0, 1), cat -0.707 (-1, 1); "<UNK>" points the same way as france but is reserved.
     */
    private Path handMade() throws Exception {
        Path file = temp.resolve("vectors.txt");
        Files.writeString(file, String.join("\n", "<UNK> 2 0", "dog 0 1", "germany 1 1", "france 1 0", "cat -1 1",
                "belgium 1 0.33", "austria 1 0.1") + "\n");
        return file;
    }

    @Test
    void neighboursComeInFallingCosineWithoutTheWordItselfOrTheReservedRows() throws Exception {
        WordVectors vectors = WordVectors.read(handMade());
        List<WordVectors.Neighbour> nearest = vectors.nearest("france", 10);
        assertEquals(List.of("austria", "belgium", "germany", "dog", "cat"), nearest.stream().map(WordVectors.Neighbour::word).toList());
        assertEquals(Math.sqrt(0.5), nearest.get(2).cosine(), 1e-6);
        assertEquals(List.of("austria", "belgium"), vectors.nearest("france", 2).stream().map(WordVectors.Neighbour::word).toList());
    }

    @Test
    void copyIntoFillsTheRowsOfTheNamesItHasInAFloat64TableAndLeavesTheOthers() throws Exception {
        WordVectors vectors = WordVectors.read(handMade());
        jgrad.core.Parameter table = jgrad.core.Tensor.param(Nd4j.valueArrayOf(new long[] {3, 2}, 7.0, org.nd4j.linalg.api.buffer.DataType.DOUBLE));

        assertEquals(2, vectors.copyInto(table, List.of("cat", "nowhere", "belgium")));

        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, table.value().dataType());
        assertArrayEquals(new double[] {-1, 1, 7, 7, 1, 0.33f}, table.value().data().asDouble(), 0);
    }

    @Test
    void theNeighboursCommandSaysItUsesCosineAndNamesAnUnknownWord() throws Exception {
        Path file = handMade();
        CommandLineRun run = new CommandLineRun();
        assertEquals(0, run.execute("embeddings", "neighbours", "-e", file.toString(), "-k", "3", "France", "dog"));
        assertTrue(run.out().contains("3 nearest words by cosine similarity in " + file), run.out());
        assertTrue(run.out().contains("france: austria 0.995, belgium 0.950, germany 0.707\n"), run.out());
        assertTrue(run.out().contains("dog: germany 0.707, cat 0.707, belgium 0.313\n"), run.out());

        CommandLineRun unknown = new CommandLineRun();
        assertEquals(1, unknown.execute("embeddings", "neighbours", "-e", file.toString(), "dog", "Paris"));
        assertTrue(unknown.err().contains("jgrad embeddings neighbours: the word 'Paris' (normalized 'paris') has no vector in "
                + file), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void vectorsWrittenAreReadBackExactly() throws Exception {
        Vocabulary vocabulary = Vocabulary.of(List.of("the", "of"));
        float[][] rows = {{0.1f, -2.5f, 3e-8f}, {1, 2, 3}, {-0.333333f, 7.25f, 0}, {4, 5, 6}};
        WordVectors written = WordVectors.of(vocabulary, Nd4j.createFromArray(rows));
        Path file = temp.resolve("out.txt");
        written.write(file);
        WordVectors read = WordVectors.read(file);
        assertEquals(List.of("<PAD>", "<UNK>", "the", "of"), read.words());
        assertEquals(3, read.dim());
        assertArrayEquals(rows[2], read.vector("the"));
        assertTrue(Files.readString(file).startsWith("<PAD> 0.1 -2.5 3.0E-8\n"), Files.readString(file));
    }

    @Test
    void aDamagedFileIsRefusedNamingItsLineAndWhatWasExpected() throws Exception {
        Path ragged = temp.resolve("ragged.txt");
        Files.writeString(ragged, "a 1 2\nb 1 2 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordVectors.read(ragged));
        assertEquals("word vectors " + ragged + " line 2 has 3 components; expected 2 as the first line has", e.getMessage());

        Path twice = temp.resolve("twice.txt");
        Files.writeString(twice, "a 1 2\nb 3 4\na 5 6\n");
        e = assertThrows(IllegalArgumentException.class, () -> WordVectors.read(twice));
        assertTrue(e.getMessage().contains("line 3 repeats the word 'a' of line 1"), e.getMessage());

        Path notANumber = temp.resolve("nan.txt");
        Files.writeString(notANumber, "a 1 NaN\n");
        e = assertThrows(IllegalArgumentException.class, () -> WordVectors.read(notANumber));
        assertTrue(e.getMessage().contains("line 1 has the component NaN; expected a finite number"), e.getMessage());
    }
}
