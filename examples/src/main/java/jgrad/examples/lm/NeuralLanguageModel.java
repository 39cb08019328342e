package jgrad.examples.lm;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tensor;
import jgrad.layers.Dense;
import jgrad.layers.Dropout;
import jgrad.layers.Embedding;
import jgrad.layers.Init;
import jgrad.layers.Layer;
import jgrad.layers.Replication;
import jgrad.layers.Tanh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bengio et al.'s (2003) neural probabilistic language model, in plain layers: the previous n - 1 words
 * are looked up in one shared table C, their vectors concatenated into x, and
 *
 * <pre>
 *   y = b + W x + U tanh(d + H x)        (W x only with direct connections)
 * </pre>
 *
 * gives one score per predicted word; the softmax of y is p(w | context). Optional dropout on x and on
 * the hidden units regularizes it (the paper used weight decay alone).
 *
 * <p>Input: integer ids [batch, n - 1], oldest first ({@link LmCorpus.Examples}); output: logits
 * [batch, predicted], column c scoring word id c + 1 (id 0 is the start symbol, never predicted).
 *
 * <p>The table's gradient is row-sparse ({@link #sparseGrad}): SGD updates the rows a step looked up and
 * catches the others up exactly; Adam (not lazy) writes it out dense and updates every row, as before.
 *
 * <p>Children: {@code embedding} (C [vocabulary, m]), {@code hidden} (Dense H [(n-1) m, h] with bias
 * d), {@code output} (Dense [h, predicted] with bias b; with direct connections [h + (n-1) m,
 * predicted], whose first h rows are U and the rest W). Putting U and W in one matrix over the
 * concatenation [tanh(d + H x), x] makes the output, the costly part, one matrix product.
 */
public final class NeuralLanguageModel extends Layer {

    /**
     * The sizes of the network.
     *
     * @param order n: the model sees n - 1 words
     * @param embedding m, the width of a word vector
     * @param hidden h, the number of tanh units
     * @param direct whether x also feeds the output directly
     * @param dropout the probability of dropping an element of x and of the hidden layer in training
     */
    public record Sizes(int order, int embedding, int hidden, boolean direct, double dropout) implements java.io.Serializable {

        public Sizes {
            if (order < 2 || embedding < 1 || hidden < 1) {
                throw new IllegalArgumentException("lm: order " + order + ", embedding " + embedding + " and hidden "
                        + hidden + " must be at least 2, 1 and 1");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("lm: dropout " + dropout + " must be in [0, 1)");
            }
        }

        /** n - 1, the words of a context. */
        public int context() {
            return order - 1;
        }
    }

    /** The spread of the first word vectors: small, so that tanh does not start saturated. */
    static final double EMBEDDING_STD = 0.1;

    private final Sizes sizes;
    private final int predicted;
    private final Embedding embedding;
    private final Dropout inputDropout;
    private final Dense hidden;
    private final Tanh tanh = new Tanh();
    private final Dropout hiddenDropout;
    private final Dense output;

    /**
     * A float32 network for a vocabulary of {@code vocabulary} ids (the start symbol included) predicting
     * {@code predicted} of them, drawn from {@code seed}.
     */
    public NeuralLanguageModel(Sizes sizes, int vocabulary, int predicted, long seed) {
        this(sizes, vocabulary, predicted, DataType.FLOAT, seed);
    }

    /** As above with parameters of the given type (DOUBLE for gradient checks). */
    public NeuralLanguageModel(Sizes sizes, int vocabulary, int predicted, DataType type, long seed) {
        if (predicted < 1 || vocabulary < predicted) {
            throw new IllegalArgumentException("lm: " + predicted + " predicted words in a vocabulary of " + vocabulary
                    + "; expected 1 ... vocabulary");
        }
        this.sizes = sizes;
        this.predicted = predicted;
        Random rng = new Random(seed);
        int x = sizes.context() * sizes.embedding();
        this.embedding = child("embedding", new Embedding(vocabulary, sizes.embedding(), type, Init.normal(EMBEDDING_STD), rng)
                .sparseGrad(true));
        this.hidden = child("hidden", new Dense(x, sizes.hidden(), true, type, Init.glorotUniform(), rng));
        this.output = child("output", new Dense(sizes.hidden() + (sizes.direct() ? x : 0), predicted, true, type,
                Init.glorotUniform(), rng));
        this.inputDropout = sizes.dropout() > 0 ? child("inputDropout", new Dropout(sizes.dropout(), seed + 1)) : null;
        this.hiddenDropout = sizes.dropout() > 0 ? child("hiddenDropout", new Dropout(sizes.dropout(), seed + 2)) : null;
    }

    /** The replica of {@code original} that {@link #newReplica} builds: its layers' replicas, under the same names. */
    private NeuralLanguageModel(NeuralLanguageModel original, Replication replica) {
        this.sizes = original.sizes;
        this.predicted = original.predicted;
        this.embedding = child("embedding", replica.of(original.embedding));
        this.hidden = child("hidden", replica.of(original.hidden));
        this.output = child("output", replica.of(original.output));
        this.inputDropout = original.inputDropout == null ? null : child("inputDropout", replica.of(original.inputDropout));
        this.hiddenDropout = original.hiddenDropout == null ? null : child("hiddenDropout", replica.of(original.hiddenDropout));
    }

    /**
     * The same network over the same values, read in place, with gradients of its own; its dropout layers
     * draw their masks from generators of their own ({@link Replication#seed}).
     */
    @Override
    protected NeuralLanguageModel newReplica(Replication replica) {
        return new NeuralLanguageModel(this, replica);
    }

    /**
     * Chooses the form of the word table's gradient: row-sparse (the default: a step costs the rows its
     * contexts looked up, and on Spark only those rows travel; see {@link Embedding#sparseGrad}) or dense
     * [vocabulary, m]. The numbers are the same. Returns this model.
     */
    public NeuralLanguageModel sparseGrad(boolean sparse) {
        embedding.sparseGrad(sparse);
        return this;
    }

    public Sizes sizes() {
        return sizes;
    }

    /** The number of predicted words: the logits' width. */
    public int predicted() {
        return predicted;
    }

    /** A constant integer tensor of contexts [batch, n - 1] → logits [batch, predicted]. */
    @Override
    public Tensor forward(Tensor contexts) {
        return forward(contexts.value());
    }

    /** Integer ids [batch, n - 1], oldest first → logits [batch, predicted]. */
    public Tensor forward(INDArray contexts) {
        if (contexts.rank() != 2 || contexts.size(1) != sizes.context()) {
            throw new IllegalArgumentException("lm: expected contexts [batch, " + sizes.context() + "] for order "
                    + sizes.order() + ", got " + Arrays.toString(contexts.shape()));
        }
        long batch = contexts.size(0);
        Tensor x = embedding.forward(contexts).reshape(batch, (long) sizes.context() * sizes.embedding());
        if (inputDropout != null) {
            x = inputDropout.forward(x);
        }
        Tensor h = tanh.forward(hidden.forward(x));
        if (hiddenDropout != null) {
            h = hiddenDropout.forward(h);
        }
        return output.forward(sizes.direct() ? Ops.concat(1, h, x) : h);
    }

    @Override
    protected String describe() {
        return "NeuralLanguageModel(n " + sizes.order() + ", m " + sizes.embedding() + ", h " + sizes.hidden()
                + (sizes.direct() ? ", direct" : "") + (sizes.dropout() > 0 ? ", dropout " + sizes.dropout() : "")
                + ", " + predicted + " words)";
    }
}
