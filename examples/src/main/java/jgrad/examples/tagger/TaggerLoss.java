package jgrad.examples.tagger;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a tagger is trained and decodes, after Collobert et al. (2011): WLL, the word-level
 * log-likelihood (a softmax over each word's tag scores, each word tagged on its own), or SLL, the
 * sentence-level log-likelihood (the scores feed a {@link jgrad.layers.LinearChain} with learned
 * transitions; a sentence is tagged by its best path, Viterbi).
 */
public enum TaggerLoss {
    WLL, SLL;

    /** The name as model.json records it: "wll" or "sll". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The loss model.json records as {@code value}; a model saved before the field existed (null) was
     * trained with WLL.
     *
     * @throws IllegalArgumentException naming {@code file} and the value, for any other
     */
    static TaggerLoss fromJson(String value, Path file) {
        if (value == null) {
            return WLL;
        }
        for (TaggerLoss loss : values()) {
            if (loss.jsonName().equals(value)) {
                return loss;
            }
        }
        throw new IllegalArgumentException(file + ": the field 'loss' is '" + value + "'; expected one of "
                + Arrays.stream(values()).map(TaggerLoss::jsonName).toList());
    }
}
