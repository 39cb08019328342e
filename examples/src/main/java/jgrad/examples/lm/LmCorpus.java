package jgrad.examples.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.examples.tagger.BrownCorpus;
import jgrad.examples.tagger.Vocabulary;

/**
 * Bengio et al.'s (2003) data protocol on the Brown corpus: the files in name order as one stream of
 * tokens (tags dropped, case kept, punctuation marks are tokens); the first {@value #TRAIN_TOKENS}
 * tokens train, the next {@value #VALID_TOKENS} validate, the rest (161,192 here) test. Words seen
 * {@value #MIN_COUNT} - 1 times or fewer in the training part share the unknown id, and so does every
 * word never seen there; the unknown word is predicted and scored like any other.
 *
 * <p>Sentence boundaries: every sentence is read on its own. The context of a sentence's first words is
 * padded with the start symbol ({@link Vocabulary#PADDING}, written {@code <PAD>}), which is a context
 * only and never predicted, so every split predicts exactly its own tokens and no end-of-sentence token
 * is added. A sentence that the 800,000 cut splits in two keeps its context across the cut: the first
 * validation tokens are conditioned on the training words before them (which are not scored again).
 * This makes sentence scoring ({@code jgrad lm score}) see exactly what training saw.
 *
 * <p>Ids: the vocabulary's ids (0 the start symbol, 1 unknown, then the words by falling count). The
 * models predict the ids 1 to {@code vocabulary.size() - 1}; {@link #predicted} counts them.
 */
public final class LmCorpus {

    /** The parts of the stream. */
    public enum Split { TRAIN, VALID, TEST }

    /** Tokens of the training part (the paper's figure). */
    public static final int TRAIN_TOKENS = 800_000;
    /** Tokens of the validation part, which follows training. */
    public static final int VALID_TOKENS = 200_000;
    /** A word needs this many occurrences in the training part to get an id of its own. */
    public static final int MIN_COUNT = 4;

    private final Vocabulary vocabulary;
    private final int[] ids;
    /** For each position, the position of its sentence's first token. */
    private final int[] sentenceStarts;
    private final int trainEnd;
    private final int validEnd;

    private LmCorpus(Vocabulary vocabulary, int[] ids, int[] sentenceStarts, int trainEnd, int validEnd) {
        this.vocabulary = vocabulary;
        this.ids = ids;
        this.sentenceStarts = sentenceStarts;
        this.trainEnd = trainEnd;
        this.validEnd = validEnd;
    }

    /** The paper's protocol on the Brown corpus: 800,000 / 200,000 / the rest. */
    public static LmCorpus of(BrownCorpus brown) {
        return of(sentences(brown), TRAIN_TOKENS, VALID_TOKENS);
    }

    /** The words of every sentence of every file, in order, tags dropped. */
    public static List<List<String>> sentences(BrownCorpus brown) {
        List<List<String>> sentences = new ArrayList<>();
        for (BrownCorpus.Document document : brown.documents()) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                sentences.add(sentence.tokens().stream().map(BrownCorpus.Token::word).toList());
            }
        }
        return sentences;
    }

    /**
     * The protocol on any stream of sentences, with the given training and validation sizes (tests use
     * small ones); the vocabulary comes from the training part.
     *
     * @throws IllegalArgumentException if the stream does not hold more than train + valid tokens
     */
    public static LmCorpus of(List<List<String>> sentences, int trainTokens, int validTokens) {
        int total = sentences.stream().mapToInt(List::size).sum();
        if (trainTokens < 1 || validTokens < 1 || (long) trainTokens + validTokens >= total) {
            throw new IllegalArgumentException("lm corpus: " + total + " tokens cannot hold " + trainTokens
                    + " training and " + validTokens + " validation tokens and a test part; expected more than "
                    + ((long) trainTokens + validTokens) + " tokens");
        }
        Map<String, Integer> counts = new HashMap<>();
        int position = 0;
        outer:
        for (List<String> sentence : sentences) {
            for (String word : sentence) {
                if (position++ == trainTokens) {
                    break outer;
                }
                counts.merge(word, 1, Integer::sum);
            }
        }
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, MIN_COUNT);
        int[] ids = new int[total];
        int[] starts = new int[total];
        position = 0;
        for (List<String> sentence : sentences) {
            int start = position;
            for (String word : sentence) {
                ids[position] = vocabulary.id(word);
                starts[position++] = start;
            }
        }
        return new LmCorpus(vocabulary, ids, starts, trainTokens, trainTokens + validTokens);
    }

    /** The words with ids of their own, the start symbol and the unknown word. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The number of ids the models predict: every id but the start symbol's. */
    public int predicted() {
        return vocabulary.size() - 1;
    }

    /** Tokens in the whole stream. */
    public int tokens() {
        return ids.length;
    }

    /** The first position of a split. */
    public int from(Split split) {
        return switch (split) {
            case TRAIN -> 0;
            case VALID -> trainEnd;
            case TEST -> validEnd;
        };
    }

    /** One past the last position of a split. */
    public int to(Split split) {
        return switch (split) {
            case TRAIN -> trainEnd;
            case VALID -> validEnd;
            case TEST -> ids.length;
        };
    }

    /** The id at a position of the stream. */
    public int id(int position) {
        return ids[position];
    }

    /** The tokens of a split that are the unknown word. */
    public int unknowns(Split split) {
        int n = 0;
        for (int i = from(split); i < to(split); i++) {
            n += ids[i] == Vocabulary.UNKNOWN ? 1 : 0;
        }
        return n;
    }

    /** The examples of a split for a model of order {@code order}: each token and its context. */
    public Examples examples(Split split, int order) {
        return examples(ids, sentenceStarts, from(split), to(split), order);
    }

    /** The examples of one sentence of ids, read on its own as training reads sentences. */
    public static Examples sentence(int[] sentenceIds, int order) {
        return examples(sentenceIds, new int[sentenceIds.length], 0, sentenceIds.length, order);
    }

    /** Positions [from, to) of {@code ids} with their contexts, padded before each position's sentence start. */
    private static Examples examples(int[] ids, int[] sentenceStarts, int from, int to, int order) {
        int n = to - from;
        int width = order - 1;
        int[] contexts = new int[n * width];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            int position = from + i;
            targets[i] = ids[position];
            for (int k = 0; k < width; k++) {
                // Oldest word first: context slot k holds the word width - k positions back.
                int back = position - (width - k);
                contexts[i * width + k] = back >= sentenceStarts[position] ? ids[back] : Vocabulary.PADDING;
            }
        }
        return new Examples(width, contexts, targets);
    }

    /**
     * Tokens to predict with their contexts: example i is {@code targets[i]} after the ids
     * {@code contexts[i * width ... (i + 1) * width - 1]}, oldest first, {@link Vocabulary#PADDING}
     * before a sentence's start.
     */
    public record Examples(int width, int[] contexts, int[] targets) implements java.io.Serializable {

        /** The number of examples. */
        public int size() {
            return targets.length;
        }

        /** The context of example i, oldest word first (a copy). */
        public int[] context(int i) {
            int[] c = new int[width];
            System.arraycopy(contexts, i * width, c, 0, width);
            return c;
        }
    }
}
