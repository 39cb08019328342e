package jgrad.examples.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tagged Brown corpus in NLTK's format: a directory of 500 files {@code ca01} ... {@code cr09}, each
 * a document with one sentence per line, sentences separated by blank (or whitespace-only) lines, and
 * tokens {@code word/tag} separated by whitespace. A token splits at its last {@code /}, so
 * {@code 1/2/cd} is the word {@code 1/2} with the tag {@code cd}. Raw tags are kept as written
 * (lowercase in the corpus); {@link TagSet} uppercases them.
 *
 * <p>The full corpus holds 57,340 sentences and 1,161,192 tokens with 472 distinct tags.
 */
public final class BrownCorpus {

    /** A corpus file's name: the letter of its genre (a to r) and its number within the genre. */
    private static final Pattern FILE_NAME = Pattern.compile("c[a-z][0-9]{2}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** One token: the word as written and its raw Brown tag, such as {@code np-tl} or {@code ppss+md}. */
    public record Token(String word, String rawTag) {}

    /** One sentence, with the 1-based line of its file for error messages. */
    public record Sentence(int line, List<Token> tokens) {}

    /** One corpus file, named as on disk (e.g. {@code ca01}), with its sentences in order. */
    public record Document(String name, List<Sentence> sentences) {

        /** The number of tokens in all sentences. */
        public int tokenCount() {
            return sentences.stream().mapToInt(s -> s.tokens().size()).sum();
        }
    }

    private final List<Document> documents;

    private BrownCorpus(List<Document> documents) {
        this.documents = List.copyOf(documents);
    }

    /**
     * Reads every corpus file (named like {@code ca01}) in {@code directory}, in name order; other files
     * there (README, cats.txt, ...) are ignored.
     *
     * @throws IllegalArgumentException if the directory holds no corpus file, or a token is malformed
     */
    public static BrownCorpus read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Brown corpus: " + directory
                    + " is not a directory; expected the directory of the files ca01 ... cr09");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Brown corpus: " + directory
                    + " holds no corpus file; expected files named like ca01 ... cr09");
        }
        List<Document> documents = new ArrayList<>(files.size());
        for (Path file : files) {
            documents.add(readDocument(file));
        }
        return new BrownCorpus(documents);
    }

    /** A corpus of the given documents, sorted by name (for tests and for subsets). */
    public static BrownCorpus of(List<Document> documents) {
        return new BrownCorpus(documents.stream().sorted(Comparator.comparing(Document::name)).toList());
    }

    /** Reads one corpus file; the document is named after the file. */
    public static Document readDocument(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<Sentence> sentences = new ArrayList<>();
        // The corpus is ASCII; a strict UTF-8 decoder reports a damaged file instead of reading garbage.
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    sentences.add(new Sentence(lineNumber, parseLine(line, name, lineNumber)));
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Brown corpus file " + file + ": not valid UTF-8 (" + e
                    + "); expected the ASCII text of an NLTK corpus file", e);
        }
        return new Document(name, List.copyOf(sentences));
    }

    /** The tokens of one non-blank line of file {@code file}, splitting each at its last '/'. */
    static List<Token> parseLine(String line, String file, int lineNumber) {
        String[] parts = WHITESPACE.split(line.strip());
        List<Token> tokens = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int slash = part.lastIndexOf('/');
            if (slash <= 0 || slash == part.length() - 1) {
                String problem = slash < 0 ? "has no '/'" : slash == 0 ? "has an empty word" : "has an empty tag";
                throw new IllegalArgumentException(file + " line " + lineNumber + ", token " + (i + 1) + " '" + part
                        + "' " + problem + "; expected word/tag, split at the last '/'");
            }
            tokens.add(new Token(part.substring(0, slash), part.substring(slash + 1)));
        }
        return List.copyOf(tokens);
    }

    /** All documents, sorted by name. */
    public List<Document> documents() {
        return documents;
    }

    /** The documents of one split, sorted by name (see {@link CorpusSplit}). */
    public List<Document> documents(CorpusSplit split) {
        return CorpusSplit.select(documents, split);
    }

    /** The number of sentences in all documents. */
    public int sentenceCount() {
        return documents.stream().mapToInt(d -> d.sentences().size()).sum();
    }

    /** The number of tokens in all documents. */
    public int tokenCount() {
        return documents.stream().mapToInt(Document::tokenCount).sum();
    }
}
