package jgrad.examples.lm;

import jgrad.examples.cli.OptionCheck;
import jgrad.examples.tagger.BrownCorpus;
import picocli.CommandLine.Option;

/**
 * The sizes of the training and validation parts, as a picocli mixin: the paper's 800,000 and 200,000 by
 * default; other sizes serve small corpora of one's own (and tests). The same sizes must be given to
 * {@code train}, {@code eval} and {@code score}, since the vocabulary comes from the training part.
 */
public final class SplitOptions {

    @Option(names = "--train-tokens", defaultValue = "" + LmCorpus.TRAIN_TOKENS, paramLabel = "N",
            description = "Tokens of the training part, from the stream's start (default: ${DEFAULT-VALUE}).")
    int trainTokens = LmCorpus.TRAIN_TOKENS;

    @Option(names = "--valid-tokens", defaultValue = "" + LmCorpus.VALID_TOKENS, paramLabel = "N",
            description = "Tokens of the validation part, after training; the rest is test (default: ${DEFAULT-VALUE}).")
    int validTokens = LmCorpus.VALID_TOKENS;

    /** Checks both counts before the corpus is read; throws a {@link jgrad.examples.cli.BadOptionException}. */
    void check() {
        OptionCheck.atLeast("--train-tokens", trainTokens, 1);
        OptionCheck.atLeast("--valid-tokens", validTokens, 1);
    }

    /** The corpus split as these options say. */
    public LmCorpus of(BrownCorpus brown) {
        return LmCorpus.of(LmCorpus.sentences(brown), trainTokens, validTokens);
    }
}
