package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.data.Permutation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts the tokens of a split into batches for {@link WindowTagger}: ids [batch, kinds, window] (words,
 * capitalization, then each suffix length) and tag labels [batch].
 *
 * <p>For training, {@link #rareDropout} replaces, with the given probability, each word or suffix that
 * occurred once in training by {@link Vocabulary#UNKNOWN}. Without it the unknown vectors would never be
 * trained, since every training word is in the vocabulary; with it they learn what a rare word looks like
 * in context, which is what a word never seen in training is (the "rare-word token").
 *
 * <p>The features are copied to Java arrays once; each batch is packed in Java and handed to ND4J as one
 * array, which costs less than gathering rows with ND4J ops.
 */
public final class WindowBatches {

    /**
     * One batch: ids [batch, kinds, window] and labels [batch], both INT, outside any tape, and the
     * characters of its words when the batches were made {@linkplain WindowBatches#WindowBatches(TaggedFeatures, boolean)
     * with them} (else null); closing it frees all at once instead of when the garbage collector gets to them.
     */
    public record Batch(INDArray ids, INDArray labels, Spellings.Packed characters) implements AutoCloseable {

        /** A batch without characters. */
        public Batch(INDArray ids, INDArray labels) {
            this(ids, labels, null);
        }

        public int size() {
            return (int) labels.length();
        }

        @Override
        public void close() {
            ids.close();
            labels.close();
            if (characters != null) {
                characters.close();
            }
        }
    }

    private final int tokens;
    private final int window;
    private final int[][] ids;
    private final int[] tags;
    private final int[] sentenceLengths;
    /** sentenceStarts[s] is the row of sentence s's first token. */
    private final int[] sentenceStarts;
    private final boolean[][] rare;
    /** The features' words as written, when batches carry characters; else null. */
    private final Spellings spellings;
    private double dropout;

    /** The batches of a split's features, without characters. */
    public WindowBatches(TaggedFeatures features) {
        this(features, false);
    }

    /**
     * The batches of a split's features; with {@code characters}, each carries the characters of the words
     * in its windows ({@link Batch#characters}), which a network with character features needs
     * ({@link WindowTagger#readsCharacters}).
     */
    public WindowBatches(TaggedFeatures features, boolean characters) {
        this.spellings = characters ? features.spellings() : null;
        this.tokens = features.tokens();
        this.window = (int) features.words().size(1);
        List<INDArray> kinds = new ArrayList<>();
        kinds.add(features.words());
        kinds.add(features.caps());
        kinds.addAll(features.suffixes());
        this.ids = new int[kinds.size()][];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = tokens == 0 ? new int[0] : kinds.get(k).dup('c').data().asInt();
        }
        this.tags = tokens == 0 ? new int[0] : features.tags().data().asInt();
        this.sentenceLengths = features.sentenceLengths();
        this.sentenceStarts = new int[sentenceLengths.length];
        for (int s = 1; s < sentenceStarts.length; s++) {
            sentenceStarts[s] = sentenceStarts[s - 1] + sentenceLengths[s - 1];
        }
        this.rare = new boolean[ids.length][];
    }

    /**
     * From now on, replaces each id that stands in the middle of exactly one window of these features (a
     * word or suffix seen once) by {@link Vocabulary#UNKNOWN} with probability {@code probability}, drawn
     * anew for every batch. Capitalization is never replaced. Call it on the training batches only.
     */
    public WindowBatches rareDropout(double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("rareDropout: probability " + probability + " must be in [0, 1]");
        }
        this.dropout = probability;
        int middle = window / 2;
        for (int k = 0; k < ids.length; k++) {
            if (k == 1) {
                continue;
            }
            int max = 0;
            for (int id : ids[k]) {
                max = Math.max(max, id);
            }
            int[] counts = new int[max + 1];
            for (int t = 0; t < tokens; t++) {
                counts[ids[k][t * window + middle]]++;
            }
            rare[k] = new boolean[max + 1];
            for (int id = Vocabulary.UNKNOWN + 1; id <= max; id++) {
                rare[k][id] = counts[id] == 1;
            }
        }
        return this;
    }

    public int tokens() {
        return tokens;
    }

    /** The tag ids of all tokens, in order (a copy). */
    public int[] tags() {
        return tags.clone();
    }

    /**
     * Whole sentences in some order: {@code tokens} lists their rows one sentence after another, sentence k
     * taking {@code lengths[k]} of them; {@code batch(tokens, from, to, rng)} packs a run of them.
     */
    public record SentenceOrder(int[] tokens, int[] lengths) {}

    /** The sentences shuffled by {@code rng}: an epoch's order for sentence-level training. */
    public SentenceOrder shuffledSentences(Random rng) {
        return order(Permutation.shuffled(sentenceLengths.length, rng));
    }

    /**
     * The sentence order whose token rows are {@code tokens} (as {@link SentenceOrder#tokens} of one
     * written before, e.g. in a checkpoint): each sentence's rows from its first, one after another.
     */
    public SentenceOrder sentenceOrder(int[] tokens) {
        int[] sentenceAt = new int[this.tokens];
        Arrays.fill(sentenceAt, -1);
        for (int s = 0; s < sentenceStarts.length; s++) {
            sentenceAt[sentenceStarts[s]] = s;
        }
        int[] sentences = new int[sentenceLengths.length];
        boolean[] used = new boolean[sentenceLengths.length];
        int count = 0;
        for (int at = 0; at < tokens.length; at += sentenceLengths[sentences[count - 1]]) {
            int s = tokens[at] >= 0 && tokens[at] < this.tokens ? sentenceAt[tokens[at]] : -1;
            if (s < 0 || count == sentences.length) {
                throw new IllegalArgumentException("WindowBatches: row " + tokens[at] + " at " + at
                        + " of the order does not start a sentence; expected whole sentences one after another");
            }
            if (used[s]) {
                // Else a sentence twice and another left out would pass for an order of the same length.
                throw new IllegalArgumentException("WindowBatches: row " + tokens[at] + " at " + at
                        + " of the order starts sentence " + s + " a second time; expected each sentence once");
            }
            used[s] = true;
            sentences[count++] = s;
        }
        SentenceOrder order = order(Arrays.copyOf(sentences, count));
        if (!Arrays.equals(order.tokens(), tokens)) {
            throw new IllegalArgumentException("WindowBatches: the order of " + tokens.length + " rows is not whole sentences of"
                    + " these " + this.tokens + " tokens, one after another");
        }
        return order;
    }

    /** The sentences in corpus order (their tokens are then 0, 1, ...). */
    public SentenceOrder sentencesInOrder() {
        return order(java.util.stream.IntStream.range(0, sentenceLengths.length).toArray());
    }

    private SentenceOrder order(int[] sentences) {
        int[] rows = new int[tokens];
        int[] lengths = new int[sentences.length];
        int at = 0;
        for (int k = 0; k < sentences.length; k++) {
            int s = sentences[k];
            lengths[k] = sentenceLengths[s];
            for (int t = 0; t < lengths[k]; t++) {
                rows[at++] = sentenceStarts[s] + t;
            }
        }
        return new SentenceOrder(rows, lengths);
    }

    /** The tokens 0, 1, ... shuffled by {@code rng}: an epoch's order. */
    public int[] shuffledOrder(Random rng) {
        return Permutation.shuffled(tokens, rng);
    }

    /**
     * The batch of tokens {@code order[from]} ... {@code order[to - 1]}; {@code rng} draws the rare-word
     * dropout, and null turns it off.
     */
    public Batch batch(int[] order, int from, int to, Random rng) {
        if (from < 0 || to > order.length || from >= to) {
            throw new IllegalArgumentException("WindowBatches: rows [" + from + ", " + to + ") are not a non-empty range of the "
                    + order.length + " in the order");
        }
        int size = to - from;
        int kinds = ids.length;
        int[] packed = new int[size * kinds * window];
        int[] labels = new int[size];
        for (int b = 0; b < size; b++) {
            int token = order[from + b];
            labels[b] = tags[token];
            for (int k = 0; k < kinds; k++) {
                System.arraycopy(ids[k], token * window, packed, (b * kinds + k) * window, window);
            }
        }
        if (rng != null && dropout > 0) {
            dropRare(packed, kinds, window, rare, dropout, rng);
        }
        return new Batch(Nd4j.createFromArray(packed).reshape('c', size, kinds, window), Nd4j.createFromArray(labels),
                spellings == null ? null : spellings.pack(order, from, to));
    }

    /**
     * The rare-word dropout of packed ids [n, kinds, window] (see {@link #rareDropout}): each id that
     * {@code rare[kind]} marks is replaced by {@link Vocabulary#UNKNOWN} with probability
     * {@code probability}, one draw of {@code rng} per rare id, in the ids' order. A kind whose table is
     * null (capitalization) is left alone.
     */
    static void dropRare(int[] packed, int kinds, int window, boolean[][] rare, double probability, Random rng) {
        for (int at = 0; at < packed.length; at++) {
            boolean[] marked = rare[(at / window) % kinds];
            if (marked != null && marked[packed[at]] && rng.nextDouble() < probability) {
                packed[at] = Vocabulary.UNKNOWN;
            }
        }
    }

    /**
     * The features as plain, serializable arrays (not copies): for a trainer that cuts its examples out of
     * them elsewhere (a Spark executor).
     *
     * @param ids per kind, the ids of every token's window, token after token
     */
    public record Windows(int window, int[][] ids, int[] tags) implements java.io.Serializable {

        /** Token {@code token}'s ids, kind after kind: a row of {@link Batch#ids}. */
        public int[] packed(int token) {
            int[] out = new int[ids.length * window];
            for (int k = 0; k < ids.length; k++) {
                System.arraycopy(ids[k], token * window, out, k * window, window);
            }
            return out;
        }
    }

    /** See {@link Windows}. */
    public Windows windows() {
        return new Windows(window, ids, tags);
    }

    /**
     * Per kind, which ids {@link #rareDropout} replaces (null for capitalization, and for every kind
     * before {@code rareDropout} was called), for {@link #dropRare}; not a copy.
     */
    boolean[][] rareIds() {
        return rare;
    }

    /** The batch of tokens {@code from} ... {@code to - 1} in corpus order, without dropout (for evaluation). */
    public Batch batch(int from, int to) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        return batch(order, 0, order.length, null);
    }
}
