package jgrad.examples.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.examples.report.AtomicFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The window features of Collobert et al. (2011) for tagging: each token is described by the words in a
 * window around it (the token in the middle, {@link Vocabulary#PADDING} beyond the sentence edges), and
 * for each of those words its {@link Capitalization} and its suffixes.
 *
 * <p>The word lookup uses the {@linkplain #normalize normalized} word (lowercased, every digit made 0),
 * so "The" and "the", or "1961" and "1872", share an embedding; the capitalization feature keeps what
 * lowercasing lost. Suffixes (the last 2 and 3 characters of the normalized word by default) give an
 * unseen word such as "reorganizations" a good guess at its tag. The word and suffix vocabularies come
 * from the training split only, keeping strings seen at least {@code minCount} times.
 *
 * <p>Each token's window also names the words standing in it as written ({@link TaggedFeatures#spellings}),
 * for a network that reads their characters ({@link Spellings}); the character vocabulary comes from the
 * training split too.
 *
 * <p>{@link #withWords} extends the word vocabulary by words that training never saw (those of pretrained
 * vectors, as Collobert et al. took the tagger's dictionary from their language model's): their ids follow
 * the training words', and a token of such a word still counts as {@linkplain TaggedFeatures#unseen unseen},
 * which means "not seen in training". The number of training words is saved with the vocabulary.
 *
 * <p>{@link #save} writes the vocabularies, options and tag set to a small JSON file, to keep beside a
 * model checkpoint; {@link #load} reads it back.
 */
public final class WindowFeaturizer {

    /** The format name written to, and checked in, a saved file. */
    static final String FORMAT = "jgrad-tagger-vocabulary/1";

    /**
     * What to extract.
     *
     * @param window the number of words in a window, odd, the token in the middle (5 in Collobert et al.)
     * @param minCount the number of training occurrences a word or suffix needs for an id of its own
     * @param suffixLengths the suffix lengths, one feature (and vocabulary) each
     */
    public record Options(int window, int minCount, List<Integer> suffixLengths) {

        public Options {
            if (window < 1 || window % 2 == 0) {
                throw new IllegalArgumentException("window " + window + " must be odd and positive, so a token has a middle");
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("minCount " + minCount + " must be at least 1");
            }
            suffixLengths = List.copyOf(suffixLengths);
            if (suffixLengths.stream().anyMatch(n -> n < 1) || suffixLengths.stream().distinct().count() != suffixLengths.size()) {
                throw new IllegalArgumentException("suffixLengths " + suffixLengths + " must be distinct and positive");
            }
        }

        /** A window of 5 words, every training word kept, suffixes of 2 and 3 characters. */
        public static Options defaults() {
            return new Options(5, 1, List.of(2, 3));
        }
    }

    private final Options options;
    private final TagSet tags;
    private final Vocabulary words;
    private final List<Vocabulary> suffixes;
    /** The known words that came from training: ids 2 ... trainingWords + 1; the ids after them were added by {@link #withWords}. */
    private final int trainingWords;
    private final Vocabulary characters;

    private WindowFeaturizer(Options options, TagSet tags, Vocabulary words, List<Vocabulary> suffixes, int trainingWords,
            Vocabulary characters) {
        if (trainingWords < 0 || trainingWords > words.known().size()) {
            throw new IllegalArgumentException("WindowFeaturizer: " + trainingWords + " training words in a vocabulary of "
                    + words.known().size() + " known words; expected 0 ... " + words.known().size());
        }
        this.options = options;
        this.tags = tags;
        this.words = words;
        this.suffixes = List.copyOf(suffixes);
        this.trainingWords = trainingWords;
        this.characters = characters;
    }

    /** Learns the word and suffix vocabularies from the training documents. */
    public static WindowFeaturizer fit(List<BrownCorpus.Document> train, TagSet tags, Options options) {
        Map<String, Integer> wordCounts = new HashMap<>();
        List<Map<String, Integer>> suffixCounts = new ArrayList<>();
        options.suffixLengths().forEach(n -> suffixCounts.add(new HashMap<>()));
        for (BrownCorpus.Document document : train) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                for (BrownCorpus.Token token : sentence.tokens()) {
                    String word = normalize(token.word());
                    wordCounts.merge(word, 1, Integer::sum);
                    for (int k = 0; k < suffixCounts.size(); k++) {
                        suffixCounts.get(k).merge(suffix(word, options.suffixLengths().get(k)), 1, Integer::sum);
                    }
                }
            }
        }
        List<Vocabulary> suffixVocabularies = suffixCounts.stream()
                .map(counts -> Vocabulary.fromCounts(counts, options.minCount())).toList();
        Vocabulary words = Vocabulary.fromCounts(wordCounts, options.minCount());
        return new WindowFeaturizer(options, tags, words, suffixVocabularies, words.known().size(), trainingCharacters(train));
    }

    /**
     * This featurizer with the given normalized words appended to the word vocabulary, in their order,
     * leaving out those it already has, the reserved names and any word not in {@linkplain #normalize
     * normalized} form ("The", "1990"), which no token's lookup could reach: the ids of the words it had
     * stay as they were, and a token of an added word still counts as unseen in training.
     */
    public WindowFeaturizer withWords(List<String> added) {
        List<String> known = new ArrayList<>(words.known());
        java.util.Set<String> present = new java.util.HashSet<>(known);
        for (String word : added) {
            if (!word.equals(Vocabulary.PADDING_NAME) && !word.equals(Vocabulary.UNKNOWN_NAME) && isNormalized(word)
                    && present.add(word)) {
                known.add(word);
            }
        }
        return new WindowFeaturizer(options, tags, Vocabulary.of(known), suffixes, trainingWords, characters);
    }

    /** Whether a word id stands for a word seen in training: not the unknown word, nor one added by {@link #withWords}. */
    boolean seenInTraining(int wordId) {
        return wordId != Vocabulary.UNKNOWN && wordId < Vocabulary.UNKNOWN + 1 + trainingWords;
    }

    /** The characters of the training words as written, for {@link Spellings}. */
    private static Vocabulary trainingCharacters(List<BrownCorpus.Document> train) {
        return Spellings.characters(() -> train.stream().flatMap(document -> document.sentences().stream())
                .flatMap(sentence -> sentence.tokens().stream()).map(BrownCorpus.Token::word).iterator());
    }

    /** The form the word lookup uses: lowercased, each digit replaced by 0. */
    public static String normalize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        StringBuilder result = null;
        for (int i = 0; i < lower.length(); i++) {
            if (Character.isDigit(lower.charAt(i))) {
                if (result == null) {
                    result = new StringBuilder(lower);
                }
                result.setCharAt(i, '0');
            }
        }
        return result == null ? lower : result.toString();
    }

    /** Whether {@code word} is its own {@linkplain #normalize normalized} form, the only form a token's lookup asks for. */
    public static boolean isNormalized(String word) {
        return normalize(word).equals(word);
    }

    /** The last {@code length} characters of a normalized word, or the whole word when it is shorter. */
    public static String suffix(String normalizedWord, int length) {
        return normalizedWord.substring(Math.max(0, normalizedWord.length() - length));
    }

    /**
     * The features of every token of the documents, in document, sentence and token order. The arrays are
     * filled in Java int arrays and handed to ND4J once each.
     */
    public TaggedFeatures extract(List<BrownCorpus.Document> documents) {
        List<List<String>> sentences = new ArrayList<>();
        int tokens = documents.stream().mapToInt(BrownCorpus.Document::tokenCount).sum();
        int[] tagIds = new int[tokens];
        int row = 0;
        for (BrownCorpus.Document document : documents) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                List<String> words = new ArrayList<>(sentence.tokens().size());
                for (BrownCorpus.Token token : sentence.tokens()) {
                    words.add(token.word());
                    tagIds[row++] = tagId(token, document, sentence);
                }
                sentences.add(words);
            }
        }
        return extract(sentences, tagIds);
    }

    /**
     * The features of untagged text: each sentence a list of words as written. The tags of the result are
     * all -1 (no tag), since the text carries none.
     */
    public TaggedFeatures extractWords(List<List<String>> sentences) {
        int tokens = sentences.stream().mapToInt(List::size).sum();
        int[] noTags = new int[tokens];
        java.util.Arrays.fill(noTags, -1);
        return extract(sentences, noTags);
    }

    @SuppressWarnings("try") // the workspace scope acts by being open, its variable is never read
    private TaggedFeatures extract(List<List<String>> sentences, int[] tagIds) {
        int tokens = tagIds.length;
        int window = options.window();
        int half = window / 2;
        int suffixKinds = suffixes.size();
        int[] wordIds = new int[tokens * window];
        int[] capIds = new int[tokens * window];
        int[][] suffixIds = new int[suffixKinds][tokens * window];
        int[] unseen = new int[tokens];
        // Padding is id 0 in every feature, so positions beyond a sentence edge are left as allocated.
        int row = 0;
        int[] lengths = sentences.stream().mapToInt(List::size).filter(length -> length > 0).toArray();
        for (List<String> sentence : sentences) {
            int length = sentence.size();
            int[] sentenceWords = new int[length];
            int[] sentenceCaps = new int[length];
            int[][] sentenceSuffixes = new int[suffixKinds][length];
            for (int t = 0; t < length; t++) {
                String word = normalize(sentence.get(t));
                sentenceWords[t] = words.id(word);
                sentenceCaps[t] = Capitalization.of(sentence.get(t)).id();
                for (int k = 0; k < suffixKinds; k++) {
                    sentenceSuffixes[k][t] = suffixes.get(k).id(suffix(word, options.suffixLengths().get(k)));
                }
                unseen[row + t] = seenInTraining(sentenceWords[t]) ? 0 : 1;
            }
            for (int t = 0; t < length; t++) {
                int base = (row + t) * window;
                for (int j = Math.max(0, half - t); j < Math.min(window, length - t + half); j++) {
                    int position = t - half + j;
                    wordIds[base + j] = sentenceWords[position];
                    capIds[base + j] = sentenceCaps[position];
                    for (int k = 0; k < suffixKinds; k++) {
                        suffixIds[k][base + j] = sentenceSuffixes[k][position];
                    }
                }
            }
            row += length;
        }
        // The features outlive any training step: keep them out of a tape's workspace.
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            List<INDArray> suffixArrays = new ArrayList<>(suffixKinds);
            for (int[] ids : suffixIds) {
                suffixArrays.add(matrix(ids, tokens, window));
            }
            return new TaggedFeatures(matrix(wordIds, tokens, window), matrix(capIds, tokens, window), suffixArrays,
                    Nd4j.createFromArray(tagIds), Nd4j.createFromArray(unseen), lengths,
                    Spellings.of(sentences, window, characters));
        }
    }

    private int tagId(BrownCorpus.Token token, BrownCorpus.Document document, BrownCorpus.Sentence sentence) {
        try {
            return tags.id(token.rawTag());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(document.name() + " line " + sentence.line() + ", token '"
                    + token.word() + "/" + token.rawTag() + "': " + e.getMessage(), e);
        }
    }

    private static INDArray matrix(int[] values, int rows, int columns) {
        return Nd4j.createFromArray(values).reshape('c', rows, columns);
    }

    public Options options() {
        return options;
    }

    /** The tag set whose ids {@link TaggedFeatures#tags()} holds. */
    public TagSet tags() {
        return tags;
    }

    /** The vocabulary of normalized words: the training words, then any added by {@link #withWords}. */
    public Vocabulary words() {
        return words;
    }

    /** How many of the known words came from training (the first ones, from id 2); the rest were added by {@link #withWords}. */
    public int trainingWords() {
        return trainingWords;
    }

    /** One vocabulary of training suffixes per suffix length, in the order of {@link Options#suffixLengths()}. */
    public List<Vocabulary> suffixes() {
        return suffixes;
    }

    /**
     * The characters of the training words as written (case kept), for {@link Spellings}; empty in a
     * featurizer saved before character features, whose models do not read characters.
     */
    public Vocabulary characters() {
        return characters;
    }

    /** Writes the options, tag set and vocabularies as JSON (under 1 MB for the Brown corpus), replacing {@code file} whole. */
    public void save(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("tagScheme", tags.scheme().name());
        json.put("tags", tags.names());
        json.put("window", options.window());
        json.put("minCount", options.minCount());
        json.put("suffixLengths", options.suffixLengths());
        json.put("words", words.known());
        json.put("trainingWords", trainingWords);
        json.put("suffixes", suffixes.stream().map(Vocabulary::known).toList());
        json.put("characters", characters.known());
        AtomicFile.writeJson(file, json);
    }

    /** Reads a file written by {@link #save}. */
    public static WindowFeaturizer load(Path file) throws IOException {
        JsonNode json = TaggerCheckpoint.readJson(file);
        return TaggerCheckpoint.inFile(file, () -> fromJson(json, file));
    }

    private static WindowFeaturizer fromJson(JsonNode json, Path file) {
        String format = field(json, "format", file).asText();
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(file + ": format '" + format + "'; expected '" + FORMAT + "'");
        }
        TagScheme scheme;
        try {
            scheme = TagScheme.valueOf(field(json, "tagScheme", file).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": tagScheme '" + json.get("tagScheme").asText()
                    + "'; expected one of " + List.of(TagScheme.values()), e);
        }
        TagSet tags = TagSet.of(scheme);
        List<String> savedTags = strings(field(json, "tags", file));
        if (!savedTags.equals(tags.names())) {
            throw new IllegalArgumentException(file + ": tags " + savedTags + " differ from this version's " + scheme
                    + " tags " + tags.names() + "; expected a file saved with the same tag table");
        }
        List<Integer> suffixLengths = new ArrayList<>();
        field(json, "suffixLengths", file).forEach(n -> suffixLengths.add(n.isIntegralNumber() ? n.asInt() : -1));
        Options options = new Options(TaggerCheckpoint.intField(json, "window", file),
                TaggerCheckpoint.intField(json, "minCount", file), suffixLengths);
        JsonNode suffixNode = field(json, "suffixes", file);
        if (suffixNode.size() != suffixLengths.size()) {
            throw new IllegalArgumentException(file + ": " + suffixNode.size() + " suffix vocabularies; expected one for each of the suffix lengths " + suffixLengths);
        }
        List<Vocabulary> suffixes = new ArrayList<>();
        suffixNode.forEach(list -> suffixes.add(Vocabulary.of(strings(list))));
        Vocabulary words = Vocabulary.of(strings(field(json, "words", file)));
        // A file saved before vocabularies could be extended holds training words only. The constructor checks
        // the count against the words (load names the file in its message).
        int trainingWords = json.has("trainingWords") ? TaggerCheckpoint.intField(json, "trainingWords", file) : words.known().size();
        // Files saved before character features have no "characters": they load with none.
        JsonNode characterNode = json.get("characters");
        Vocabulary characters = Vocabulary.of(characterNode == null ? List.of() : strings(characterNode));
        return new WindowFeaturizer(options, tags, words, suffixes, trainingWords, characters);
    }

    private static JsonNode field(JsonNode json, String name, Path file) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(file + ": the field '" + name + "' is missing; expected a file written by WindowFeaturizer.save");
        }
        return node;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>(array.size());
        array.forEach(node -> result.add(node.asText()));
        return result;
    }
}
