package jgrad.examples.embeddings;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Pattern;
import jgrad.core.Parameter;
import jgrad.examples.report.AtomicFile;
import jgrad.examples.tagger.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Word vectors in the text format of GloVe (and of word2vec without its header line): one word per
 * line, then its components, separated by single spaces: {@code the 0.418 0.24968 -0.41242 ...}. Chosen
 * over npz because other tools write and read it as it is, so vectors trained elsewhere can be fed to
 * {@code tagger train --embeddings}, and because a user can read it; 50,000 words of 50 dimensions take
 * some 25 MB. The reserved rows of a jgrad vocabulary are written as the words {@code <PAD>} and
 * {@code <UNK>}.
 *
 * <p>A file is checked as it is read: every line must have the same number of components, each a finite
 * number, and no word may appear twice; the error names the file and the line.
 */
public final class WordVectors {

    private static final Pattern SPACES = Pattern.compile(" +");

    /** A word and its cosine similarity to the word asked about. */
    public record Neighbour(String word, double cosine) {}

    private final List<String> words;
    private final Map<String, Integer> rows;
    private final int dim;
    /** Row-major [words, dim]. */
    private final float[] vectors;
    /** Each row's Euclidean norm, for {@link #nearest}: computed once, as the vectors never change. */
    private final double[] norms;

    private WordVectors(List<String> words, int dim, float[] vectors) {
        this.words = List.copyOf(words);
        this.dim = dim;
        this.vectors = vectors;
        this.rows = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            rows.put(words.get(i), i);
        }
        this.norms = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                sum += (double) vectors[i * dim + j] * vectors[i * dim + j];
            }
            norms[i] = Math.sqrt(sum);
        }
    }

    /** The rows of a table [vocabulary.size(), dim], named by the vocabulary's strings ({@code <PAD>}, {@code <UNK>}, then the words). */
    public static WordVectors of(Vocabulary vocabulary, INDArray table) {
        if (table.rank() != 2 || table.size(0) != vocabulary.size()) {
            throw new IllegalArgumentException("WordVectors: a table of shape " + java.util.Arrays.toString(table.shape())
                    + " for a vocabulary of " + vocabulary.size() + " ids; expected [" + vocabulary.size() + ", dim]");
        }
        return new WordVectors(vocabulary.strings(), (int) table.size(1), table.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat());
    }

    /** Reads and checks a file in the format of the class comment. */
    public static WordVectors read(Path file) throws IOException {
        List<String> words = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        float[] vectors = new float[1 << 16];
        int dim = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String[] parts = SPACES.split(line.strip());
                if (line.isBlank() || parts.length < 2) {
                    throw bad(file, lineNumber, "has no components", "a word and its components separated by spaces");
                }
                if (dim < 0) {
                    dim = parts.length - 1;
                } else if (parts.length - 1 != dim) {
                    throw bad(file, lineNumber, "has " + (parts.length - 1) + " components",
                            dim + " as the first line has");
                }
                Integer before = seen.putIfAbsent(parts[0], lineNumber);
                if (before != null) {
                    throw bad(file, lineNumber, "repeats the word '" + parts[0] + "' of line " + before, "each word once");
                }
                int row = words.size();
                if ((long) (row + 1) * dim > Integer.MAX_VALUE - 8) {
                    throw bad(file, lineNumber, "makes the file larger than " + Integer.MAX_VALUE + " components", "fewer words");
                }
                if ((row + 1) * dim > vectors.length) {
                    vectors = java.util.Arrays.copyOf(vectors, Math.max((row + 1) * dim, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * vectors.length)));
                }
                for (int j = 0; j < dim; j++) {
                    float value;
                    try {
                        value = Float.parseFloat(parts[j + 1]);
                    } catch (NumberFormatException e) {
                        throw bad(file, lineNumber, "has the component '" + parts[j + 1] + "'", "a number");
                    }
                    if (!Float.isFinite(value)) {
                        throw bad(file, lineNumber, "has the component " + parts[j + 1], "a finite number");
                    }
                    vectors[row * dim + j] = value;
                }
                words.add(parts[0]);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such word vectors file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("word vectors " + file + ": not valid UTF-8 (" + e + ")", e);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("word vectors " + file + ": the file is empty; expected lines 'word v1 v2 ...'");
        }
        return new WordVectors(words, dim, java.util.Arrays.copyOf(vectors, words.size() * dim));
    }

    private static IllegalArgumentException bad(Path file, int line, String problem, String expected) {
        return new IllegalArgumentException("word vectors " + file + " line " + line + " " + problem + "; expected " + expected);
    }

    /** Writes the vectors in the format of the class comment, atomically (a reader sees the old file or the new one). */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                line.setLength(0);
                line.append(words.get(i));
                for (int j = 0; j < dim; j++) {
                    // Float.toString is the shortest text that reads back as the same float.
                    line.append(' ').append(vectors[i * dim + j]);
                }
                out.write(line.append('\n').toString());
            }
            out.flush();
        });
    }

    /** The words in file order. */
    public List<String> words() {
        return words;
    }

    /** The number of components of a vector. */
    public int dim() {
        return dim;
    }

    public boolean contains(String word) {
        return rows.containsKey(word);
    }

    /** A copy of a word's vector. */
    public float[] vector(String word) {
        int row = row(word);
        return java.util.Arrays.copyOfRange(vectors, row * dim, (row + 1) * dim);
    }

    private int row(String word) {
        Integer row = rows.get(word);
        if (row == null) {
            throw new IllegalArgumentException("the word '" + word + "' has no vector (" + words.size()
                    + " words have one); expected a word of the vectors' vocabulary");
        }
        return row;
    }

    /**
     * The {@code k} words with the highest cosine similarity to {@code word} (itself and the reserved
     * {@code <PAD>} and {@code <UNK>} left out), most similar first; ties in file order.
     *
     * @throws IllegalArgumentException naming the word when it has no vector
     */
    public List<Neighbour> nearest(String word, int k) {
        int target = row(word);
        // The weakest of the best k at the head; among equal cosines the later row is weaker.
        PriorityQueue<Neighbour> best = new PriorityQueue<>((a, b) -> a.cosine() != b.cosine()
                ? Double.compare(a.cosine(), b.cosine()) : Integer.compare(rows.get(b.word()), rows.get(a.word())));
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == target || w.equals(Vocabulary.PADDING_NAME) || w.equals(Vocabulary.UNKNOWN_NAME)) {
                continue;
            }
            double dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += (double) vectors[i * dim + j] * vectors[target * dim + j];
            }
            double denominator = norms[i] * norms[target];
            best.add(new Neighbour(w, denominator == 0 ? 0 : dot / denominator));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Neighbour> result = new ArrayList<>(best);
        result.sort(best.comparator().reversed());
        return result;
    }

    /**
     * Copies the vector of every row name found here into the matching row of {@code table}
     * [names.size(), dim] (the others are left as they are) and returns how many rows were copied.
     *
     * @throws IllegalArgumentException when the widths differ
     */
    public int copyInto(Parameter table, List<String> names) {
        INDArray value = table.value();
        if (value.rank() != 2 || value.size(0) != names.size()) {
            throw new IllegalArgumentException("WordVectors.copyInto: a table of shape " + java.util.Arrays.toString(value.shape())
                    + " for " + names.size() + " row names; expected [" + names.size() + ", dim]");
        }
        if (value.size(1) != dim) {
            throw new IllegalArgumentException("the word vectors have " + dim + " components but the table's rows have "
                    + value.size(1) + "; expected the same width");
        }
        int copied = 0;
        for (int i = 0; i < names.size(); i++) {
            Integer row = rows.get(names.get(i));
            if (row != null) {
                try (INDArray vector = Nd4j.createFromArray(java.util.Arrays.copyOfRange(vectors, row * dim, (row + 1) * dim))) {
                    value.getRow(i).assign(vector); // assign casts to the table's type (float64 in gradient checks)
                }
                copied++;
            }
        }
        return copied;
    }

    /**
     * Starts the rows of {@code table} [vocabulary.size(), dim] from the vectors of the vocabulary's
     * strings found here ({@link #copyInto}) and says how many of its words (the reserved ids aside) that
     * covered, e.g. "word vectors from v.txt: 38,211 of the 42,593 words (89.7%) start from them, the
     * others random".
     */
    public String startTable(Parameter table, Vocabulary vocabulary, Path source) {
        copyInto(table, vocabulary.strings());
        int covered = (int) vocabulary.known().stream().filter(rows::containsKey).count();
        int words = vocabulary.known().size();
        return String.format(Locale.ROOT, "word vectors from %s: %,d of the %,d words (%.1f%%) start from them, the others random%s",
                source, covered, words, words == 0 ? 0.0 : 100.0 * covered / words,
                rows.containsKey(vocabulary.string(Vocabulary.UNKNOWN)) ? "; the unknown word starts from <UNK>" : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d word vectors of %d components", words.size(), dim);
    }
}
