package jgrad.examples.tagger;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The features and tags of every token of a split, ready for embedding lookups: row i describes token i,
 * and column j of a window array the word at offset j - window / 2 from it in its sentence. All arrays
 * are of type INT and live outside any tape (the model's lifetime).
 *
 * @param words word ids [tokens, window], from {@link WindowFeaturizer#words()}; {@link Vocabulary#PADDING}
 *     beyond a sentence edge
 * @param caps {@link Capitalization} ids [tokens, window]
 * @param suffixes suffix ids [tokens, window], one array per suffix length, in the order of
 *     {@link WindowFeaturizer.Options#suffixLengths()}
 * @param tags tag ids [tokens], from {@link WindowFeaturizer#tags()}; -1 for untagged text
 * @param unseen [tokens], 1 where the token's word has no id from training: its word id is
 *     {@link Vocabulary#UNKNOWN} or one of the words {@link WindowFeaturizer#withWords} added after the
 *     training words (with the default cutoff of 1, exactly the words never seen in training), else 0;
 *     for the accuracy on unknown words
 * @param sentenceLengths the number of tokens of each sentence that has any, in order (they add up to the
 *     tokens): where sentence-level training and Viterbi decoding cut the rows
 * @param spellings the words of every window as written, for character features (see {@link Spellings})
 */
public record TaggedFeatures(INDArray words, INDArray caps, List<INDArray> suffixes, INDArray tags, INDArray unseen,
        int[] sentenceLengths, Spellings spellings) {

    public TaggedFeatures {
        suffixes = List.copyOf(suffixes);
        sentenceLengths = sentenceLengths.clone();
        long total = 0;
        for (int length : sentenceLengths) {
            if (length < 1) {
                throw new IllegalArgumentException("TaggedFeatures: a sentence of " + length + " tokens; expected only non-empty ones");
            }
            total += length;
        }
        if (total != tags.length()) {
            throw new IllegalArgumentException("TaggedFeatures: sentences of " + total + " tokens in all for " + tags.length()
                    + " rows; expected them to cover every row");
        }
    }

    /** The lengths of the non-empty sentences, in order (a copy). */
    @Override
    public int[] sentenceLengths() {
        return sentenceLengths.clone();
    }

    /** The number of tokens: the row count of every array. */
    public int tokens() {
        return (int) tags.length();
    }

    /** The number of tokens whose word is out of the vocabulary. */
    public int unseenCount() {
        return tokens() == 0 ? 0 : unseen.sumNumber().intValue();
    }
}
