package jgrad.examples.embeddings;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English text of WordNet's data files ({@code data.noun} ...): each synset line ends in
 * {@code | gloss}, the definitions separated by {@code ;} and followed by example sentences in double
 * quotes, e.g. {@code | a tangible and visible entity; an entity that can cast a shadow; "it was full of
 * rackets, balls and other objects"}. Every definition and every example is one sentence here.
 *
 * <p>Tokens are cut as the Brown corpus cuts them, so that both texts share one vocabulary: a word
 * (letters and digits, with inner hyphens, apostrophes or periods: {@code well-known}, {@code don't},
 * {@code 1.5}) is one token, and every other non-blank character (comma, parenthesis, period at an end)
 * is a token of its own. The quote marks themselves are dropped.
 */
public final class WordNetGlosses {

    /** A synset line: an 8-digit offset, the synset's fields, then "| " and the gloss. */
    private static final Pattern SYNSET = Pattern.compile("^[0-9]{8} .*? \\| (.*)$");
    private static final Pattern EXAMPLE = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['\\-.][\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}\"]");

    private WordNetGlosses() {}

    /** The sentences of every file, in order; the licence lines at a file's top (two leading spaces) are skipped. */
    public static List<List<String>> read(List<Path> files) throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        for (Path file : files) {
            sentences.addAll(read(file));
        }
        return sentences;
    }

    /** The sentences of one data file. */
    public static List<List<String>> read(Path file) throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        int synsets = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("  ")) {
                    continue;
                }
                Matcher synset = SYNSET.matcher(line);
                if (!synset.matches()) {
                    throw new IllegalArgumentException("WordNet data file " + file + " line " + lineNumber + ": '"
                            + (line.length() > 60 ? line.substring(0, 60) + "..." : line)
                            + "' is not a synset line; expected an 8-digit offset, its fields, then '| ' and the gloss");
                }
                synsets++;
                sentences.addAll(glossSentences(synset.group(1)));
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("WordNet data file " + file + ": not valid UTF-8 (" + e
                    + "); expected the text of a WordNet 3.1 data file", e);
        }
        if (synsets == 0) {
            throw new IllegalArgumentException("WordNet data file " + file + " holds no synset line; expected a data.noun, "
                    + "data.verb, data.adj or data.adv file of WordNet 3.1");
        }
        return sentences;
    }

    /** The definitions and the quoted examples of one gloss, each a list of tokens; empty pieces are dropped. */
    static List<List<String>> glossSentences(String gloss) {
        List<List<String>> sentences = new ArrayList<>();
        Matcher example = EXAMPLE.matcher(gloss);
        StringBuilder definitions = new StringBuilder();
        List<String> examples = new ArrayList<>();
        while (example.find()) {
            examples.add(example.group(1));
            example.appendReplacement(definitions, ";");
        }
        example.appendTail(definitions);
        for (String definition : definitions.toString().split(";")) {
            ProseSentences.addIfAny(sentences, tokens(definition));
        }
        for (String text : examples) {
            ProseSentences.addIfAny(sentences, tokens(text));
        }
        return sentences;
    }

    /** The tokens of a piece of text, cut as the class comment says. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            tokens.add(token.group());
        }
        return tokens;
    }
}
