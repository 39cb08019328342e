package jgrad.examples.embeddings;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Tensor;
import jgrad.layers.Dense;
import jgrad.layers.Embedding;
import jgrad.layers.HardTanh;
import jgrad.layers.Init;
import jgrad.layers.Layer;
import jgrad.layers.Replication;
import jgrad.layers.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The window network of Collobert et al.'s (2011) ranking language model: the words of a window are
 * looked up in one table, their vectors concatenated, and a hidden hardtanh layer and a linear unit give
 * the window one score f(x), high for real text. {@link #rankingLoss} is what trains it.
 *
 * <p>Input: integer word ids [batch, window]; output: scores [batch, 1]. The table's gradient is
 * row-sparse, so that a step with SGD costs the rows its batch used.
 *
 * <p>Children: {@code words} (the table [vocabulary, dim]) and {@code mlp}, a {@link Sequential} of Dense
 * [window * dim, hidden], HardTanh and Dense [hidden, 1].
 */
public final class RankingModel extends Layer {

    /**
     * The sizes of the network.
     *
     * @param vocabulary rows of the word table, the padding and unknown ids included
     * @param dim the width of a word vector (50 in Collobert et al.)
     * @param window words in a window, odd (11 in Collobert et al.'s language model)
     * @param hidden hidden units (100 in Collobert et al.'s language model)
     */
    public record Sizes(int vocabulary, int dim, int window, int hidden) {

        public Sizes {
            if (vocabulary < 3 || dim < 1 || window < 1 || window % 2 == 0 || hidden < 1) {
                throw new IllegalArgumentException("RankingModel: vocabulary " + vocabulary + " must hold a word besides the "
                        + "padding and unknown ids, dim " + dim + " and hidden " + hidden + " must be positive and window "
                        + window + " odd and positive");
            }
        }
    }

    /** The spread of the first word vectors, as the tagger's (small enough that hardtanh starts unsaturated). */
    static final double EMBEDDING_STD = 0.1;

    private final Sizes sizes;
    private final Embedding words;
    private final Sequential mlp;

    /** A network drawn from {@code new Random(seed)}. */
    public RankingModel(Sizes sizes, long seed) {
        Random rng = new Random(seed);
        this.sizes = sizes;
        this.words = child("words", new Embedding(sizes.vocabulary(), sizes.dim(), DataType.FLOAT,
                Init.normal(EMBEDDING_STD), rng)).sparseGrad(true);
        this.mlp = child("mlp", new Sequential(
                new Dense((long) sizes.window() * sizes.dim(), sizes.hidden(), true, DataType.FLOAT, Init.glorotUniform(), rng),
                new HardTanh(),
                new Dense(sizes.hidden(), 1, true, DataType.FLOAT, Init.glorotUniform(), rng)));
    }

    /** A network over existing layers (a gradient check builds one in float64). */
    RankingModel(Sizes sizes, Embedding words, Sequential mlp) {
        this.sizes = sizes;
        this.words = child("words", words);
        this.mlp = child("mlp", mlp);
    }

    /** The same network over the same values, read in place, with gradients of its own. */
    @Override
    protected RankingModel newReplica(Replication replica) {
        return new RankingModel(sizes, replica.of(words), replica.of(mlp));
    }

    /**
     * Collobert's ranking criterion, averaged over the batch: mean of max(0, 1 - f(x) + f(x~)), where
     * {@code real} holds the scores f(x) [batch, 1] of real windows and {@code corrupted} those of the same
     * windows with their centre word replaced. Composed of existing ops (relu is max(0, .)), so it needs no
     * backward of its own.
     */
    public static Tensor rankingLoss(Tensor real, Tensor corrupted) {
        if (!Arrays.equals(real.shape(), corrupted.shape())) {
            throw new IllegalArgumentException("rankingLoss: real scores " + Arrays.toString(real.shape())
                    + " and corrupted scores " + Arrays.toString(corrupted.shape()) + "; expected the same shape");
        }
        return corrupted.sub(real).add(1).relu().mean();
    }

    public Sizes sizes() {
        return sizes;
    }

    /** The word table [vocabulary, dim]. */
    public Embedding words() {
        return words;
    }

    /** ids [batch, window] (an integer tensor) → scores [batch, 1]. */
    @Override
    public Tensor forward(Tensor ids) {
        return forward(ids.value());
    }

    /** ids [batch, window] (an integer array) → scores [batch, 1]. */
    public Tensor forward(INDArray ids) {
        if (ids.rank() != 2 || ids.size(1) != sizes.window()) {
            throw new IllegalArgumentException("RankingModel: expected ids [batch, " + sizes.window() + "], got "
                    + Arrays.toString(ids.shape()));
        }
        return mlp.forward(words.forward(ids).reshape(ids.size(0), (long) sizes.window() * sizes.dim()));
    }

    @Override
    protected String describe() {
        return "RankingModel(window " + sizes.window() + ", " + sizes.vocabulary() + " words x " + sizes.dim() + ")";
    }
}
